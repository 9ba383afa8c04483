package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The bans a node writes in one round are announced with one NOTIFY, not one per ban. */
class BanNotifyTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  void fiftyBansDecidedAtOnce_makeAFewNotifications_namingEveryRow() throws Exception {
    MutableClock clock = new MutableClock();
    try (Connection listener = PG.db().connect();
        AbuseProtection node = AbuseProtection.start(TestConfigs.defaults(), PG.db()::connect, clock,
            new PrometheusRegistry())) {
      listener.setAutoCommit(true);
      try (Statement st = listener.createStatement()) {
        st.execute("LISTEN " + BanStore.CHANNEL);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!node.connected() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      for (int b = 0; b < 50; b++) {
        ClientAddress ip = ClientAddress.parse("100." + (64 + b) + ".0.1");
        for (int i = 0; i < 20; i++) {
          node.guard().failed(ip, null, i);
        }
      }
      Set<String> ids = new HashSet<>();
      int notifications = 0;
      PGConnection pg = listener.unwrap(PGConnection.class);
      while (ids.size() < 50 && System.nanoTime() < deadline) {
        PGNotification[] got = pg.getNotifications(200);
        for (PGNotification n : got == null ? new PGNotification[0] : got) {
          notifications++;
          ids.addAll(Set.of(n.getParameter().split(",")));
        }
      }
      try (Statement st = listener.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM ban")) {
        Set<String> rows = new HashSet<>();
        while (rs.next()) {
          rows.add(Long.toString(rs.getLong(1)));
        }
        assertThat(ids).hasSize(50).isEqualTo(rows);
      }
      assertThat(notifications).as("coalesced per 100 ms round").isBetween(1, 5);
    }
  }
}
