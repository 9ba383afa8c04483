package io.cphub.registry;

import io.cphub.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A dedicated autocommit connection LISTENing on {@code cphub_routes}, as a proxy would hold it. */
final class FeedListener implements AutoCloseable {
  private final Connection conn;

  FeedListener(TestDatabase db) throws SQLException {
    conn = db.connect();
    conn.setAutoCommit(true);
    try (Statement s = conn.createStatement()) {
      s.execute("LISTEN cphub_routes");
    }
  }

  /** Payloads that arrive within {@code millis}. */
  List<String> poll(int millis) throws SQLException {
    List<String> out = new ArrayList<>();
    PGNotification[] n = conn.unwrap(PGConnection.class).getNotifications(millis);
    if (n != null) {
      for (PGNotification p : n) {
        out.add(p.getParameter());
      }
    }
    return out;
  }

  Connection connection() {
    return conn;
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
