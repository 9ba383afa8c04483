package io.cphub.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LogPrunerTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

  @Test
  void rowsOlderThanTheRetentionAreDeleted_newerRowsAndTheHeadStay() throws Exception {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE feed_head SET version = 3");
      s.executeUpdate("INSERT INTO change_log (version, kind, key, server_id, committed_at) VALUES "
          + "(1, 'domain', 'a.example', NULL, '2026-11-01T00:00:00Z'), "
          + "(2, 'domain', 'b.example', NULL, '2026-11-20T00:00:00Z'), "
          + "(3, 'domain', 'c.example', NULL, '2026-11-28T12:00:00Z')");
    }
    Clock now = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);
    Jdbi jdbi = Jdbi.create(PG.db().dataSource()).installPlugin(new SqlObjectPlugin());
    try (LogPruner pruner = new LogPruner(jdbi, now, Duration.ofDays(7))) {
      assertThat(pruner.pruneOnce()).isEqualTo(2);
      assertThat(pruner.pruneOnce()).as("a second run finds nothing more").isZero();
    }
    try (Connection c = PG.db().connect(); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT (SELECT string_agg(version::text, ',') FROM change_log), "
             + "(SELECT version FROM feed_head)")) {
      r.next();
      assertThat(r.getString(1)).isEqualTo("3");
      assertThat(r.getLong(2)).isEqualTo(3);
    }
  }
}
