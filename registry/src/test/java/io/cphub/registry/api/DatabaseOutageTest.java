package io.cphub.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cphub.testkit.PostgresExtension;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real PostgreSQL errors: the ones a retry cures are outages (503), the rest stay bugs (500). */
class DatabaseOutageTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  void readOnlyTransaction_isAnOutage() throws Exception {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.execute("SET default_transaction_read_only = on");
      Throwable e = catchThrowable(() -> s.execute("UPDATE feed_head SET version = version WHERE id = 1"));
      assertThat(DatabaseOutage.reason(new RuntimeException("wrapped", e))).isEqualTo("25006");
    }
  }

  @Test
  void terminatedSession_isAnOutage() throws Exception {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      Throwable e = catchThrowable(() -> s.execute("SELECT pg_terminate_backend(pg_backend_pid())"));
      assertThat(DatabaseOutage.reason(e)).isEqualTo("57P01");
    }
  }

  @Test
  void refusedConnection_throughJdbi_isAnOutage() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closed + "/x?connectTimeout=2";
    Throwable e = catchThrowable(() -> Jdbi.create(() -> DriverManager.getConnection(url, "postgres", ""))
        .withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()));
    assertThat(DatabaseOutage.reason(e)).startsWith("08");
  }

  @Test
  void constraintViolationAndPlainBugs_areNotOutages() throws Exception {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      Throwable e = catchThrowable(() -> s.execute("INSERT INTO feed_head (id, epoch, version) VALUES (1, gen_random_uuid(), 0)"));
      assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("23505");
      assertThat(DatabaseOutage.reason(e)).isNull();
    }
    assertThat(DatabaseOutage.reason(new IllegalStateException("bug"))).isNull();
  }
}
