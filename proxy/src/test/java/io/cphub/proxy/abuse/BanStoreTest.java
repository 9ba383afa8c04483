package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ban table and its SQL on a real, migrated PostgreSQL, written as the cphub_proxy role. */
class BanStoreTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private final GuardConfig config = TestConfigs.defaults();
  private final Instant t0 = Instant.parse("2026-03-02T08:00:00Z");

  @BeforeEach
  void empty() throws SQLException {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM ban");
    }
  }

  private static Connection asProxy() throws SQLException {
    Connection c = PG.db().connect();
    try (Statement st = c.createStatement()) {
      st.execute("SET ROLE cphub_proxy");
    }
    return c;
  }

  private Ban ban(Ban.Kind kind, String key, Instant at) {
    return new Ban(0, kind, key, "ip-failures", 20, 25, 1, at, at.plus(config.banDuration()), "node-a");
  }

  @Test
  void insert_storesTheBan_andAnActiveBanOfTheSameKeyIsLeftAlone() throws SQLException {
    try (Connection c = asProxy()) {
      BanStore.Row r = BanStore.insert(c, ban(Ban.Kind.IP, "2001:db8::7", t0), config);
      assertThat(r.ban().id()).isPositive();
      assertThat(r.ban().key()).isEqualTo("2001:db8::7");
      assertThat(r.ban().offences()).isEqualTo(1);
      assertThat(r.ban().expiresAt()).isEqualTo(t0.plus(Duration.ofMinutes(15)));
      assertThat(r.ban().createdBy()).isEqualTo("node-a");
      assertThat(BanStore.insert(c, ban(Ban.Kind.IP, "2001:db8::7", t0.plusSeconds(60)), config)).isNull();
      assertThat(BanStore.active(c, t0.plusSeconds(61))).hasSize(1);
    }
  }

  @Test
  void widerNetworks_areStored_inCanonicalText() throws SQLException {
    try (Connection c = asProxy()) {
      for (String net : new String[] {"192.0.0.0/16", "2001:db8:1::/48", "2001:db8::/32"}) {
        assertThat(BanStore.insert(c, ban(Ban.Kind.NET, net, t0), config).ban().key()).isEqualTo(net);
      }
      assertThat(BanStore.active(c, t0.plusSeconds(1))).hasSize(3);
    }
  }

  @Test
  void repeatOffences_doubleTheBan_upToTheMaximum_andResetAfterTheRepeatWindow() throws SQLException {
    try (Connection c = asProxy()) {
      Instant t = t0;
      Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60)};
      for (int i = 0; i < 3; i++) {
        BanStore.Row r = BanStore.insert(c, ban(Ban.Kind.NET, "192.0.2.0/24", t), config);
        assertThat(r.ban().offences()).isEqualTo(i + 1);
        assertThat(Duration.between(r.ban().createdAt(), r.ban().expiresAt())).isEqualTo(expected[i]);
        t = r.ban().expiresAt().plusSeconds(1);
      }
      BanStore.Row later = BanStore.insert(c, ban(Ban.Kind.NET, "192.0.2.0/24", t.plus(Duration.ofHours(25))), config);
      assertThat(later.ban().offences()).isEqualTo(1);

      Instant u = t0;
      BanStore.Row r = null;
      for (int i = 0; i < 8; i++) {
        r = BanStore.insert(c, ban(Ban.Kind.ACCOUNT, "victim@example.com", u), config);
        u = r.ban().expiresAt().plusSeconds(1);
      }
      assertThat(r.ban().offences()).isEqualTo(8);
      assertThat(Duration.between(r.ban().createdAt(), r.ban().expiresAt()))
          .as("15 min x 2^7 = 32 h, capped").isEqualTo(Duration.ofHours(24));
    }
  }

  @Test
  void lift_endsTheBanInForce_onlyOnce_andListShowsIt() throws SQLException {
    try (Connection c = asProxy()) {
      BanStore.insert(c, ban(Ban.Kind.IP, "198.51.100.7", t0), config);
      BanStore.Row lifted = BanStore.lift(c, Ban.Kind.IP, "198.51.100.7", t0.plusSeconds(5), "cli@ops");
      assertThat(lifted.liftedBy()).isEqualTo("cli@ops");
      assertThat(BanStore.lift(c, Ban.Kind.IP, "198.51.100.7", t0.plusSeconds(6), "cli@ops")).isNull();
      assertThat(BanStore.active(c, t0.plusSeconds(7))).isEmpty();
      assertThat(BanStore.list(c, t0.plusSeconds(7), false)).isEmpty();
      assertThat(BanStore.list(c, t0.plusSeconds(7), true)).singleElement()
          .satisfies(r -> assertThat(r.inForceAt(t0.plusSeconds(7))).isFalse());
      BanStore.Row again = BanStore.insert(c, ban(Ban.Kind.IP, "198.51.100.7", t0.plusSeconds(8)), config);
      assertThat(again.liftedAt()).isNull();
      assertThat(again.ban().offences()).as("a lifted ban still counts as an offence").isEqualTo(2);
    }
  }

  @Test
  void purge_forgetsBansThatEndedLongAgo() throws SQLException {
    try (Connection c = asProxy()) {
      BanStore.insert(c, ban(Ban.Kind.IP, "198.51.100.1", t0), config);
      BanStore.insert(c, ban(Ban.Kind.IP, "198.51.100.2", t0.plus(Duration.ofHours(30))), config);
      assertThat(BanStore.purge(c, t0.plus(Duration.ofHours(30)).minus(config.repeatWindow()))).isEqualTo(1);
      assertThat(BanStore.list(c, t0, true)).extracting(r -> r.ban().key()).containsExactly("198.51.100.2");
    }
  }

  @Test
  void theTableRejectsBadRows() throws SQLException {
    String sql = "INSERT INTO ban (kind, key, reason, failures, attempts, created_at, expires_at, created_by)"
        + " VALUES (?, ?, ?, 1, 1, now(), now() + interval '1 minute', 'node-a')";
    String[][] bad = {
        {"ip", "192.0.2.0/24", "ip-failures"}, {"ip", "not-an-ip", "ip-failures"}, {"ip", "2001:DB8::1", "ip-failures"},
        {"net", "192.0.2.7/24", "net-failures"}, {"net", "10.0.0.0/8", "net-failures"},
        {"net", "2001:db8::/40", "net-escalated"}, {"net", "2001:db8::/128", "net-escalated"},
        {"account", "has space@example.com", "account-spray"}, {"account", "", "account-spray"},
        {"host", "example.com", "ip-failures"}, {"ip", "192.0.2.1", "Bad Reason"}};
    try (Connection c = asProxy()) {
      for (String[] row : bad) {
        try (PreparedStatement st = c.prepareStatement(sql)) {
          st.setString(1, row[0]);
          st.setString(2, row[1]);
          st.setString(3, row[2]);
          assertThatThrownBy(st::executeUpdate).as("%s %s %s", (Object[]) row).isInstanceOf(SQLException.class)
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("23"));
        }
      }
      try (Statement st = c.createStatement()) {
        assertThatThrownBy(() -> st.executeUpdate("INSERT INTO ban (kind, key, reason, failures, attempts, created_at,"
            + " expires_at, created_by) VALUES ('ip', '192.0.2.1', 'x', 1, 1, now(), now() - interval '1 s', 'n')"))
            .isInstanceOf(SQLException.class);
      }
    }
  }
}
