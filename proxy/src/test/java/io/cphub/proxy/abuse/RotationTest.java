package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An attacker rotating through addresses in distinct networks: bans escalate to the wider network
 * (IPv6 /64 -> /48 -> /32, IPv4 /24 -> /16), so the ban rows, the NOTIFYs and the memory stay
 * bounded. Against a real, migrated PostgreSQL through the node's ban follower.
 */
class RotationTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private final MutableClock clock = new MutableClock();
  private AbuseProtection node;

  @BeforeEach
  void start() throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM ban");
    }
    node = AbuseProtection.start(TestConfigs.defaults(), () -> {
      Connection c = PG.db().connect();
      try (Statement st = c.createStatement()) {
        st.execute("SET ROLE cphub_proxy");
      }
      return c;
    }, clock, new PrometheusRegistry());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!node.connected() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @AfterEach
  void stop() {
    node.close();
  }

  /** Each address fails with 20 distinct logins (enough for an IP ban) unless a ban already refuses it. */
  private int attack(List<String> addresses) {
    AbuseGuard g = node.guard();
    int refused = 0;
    for (String a : addresses) {
      ClientAddress ip = ClientAddress.parse(a);
      for (int i = 0; i < 20; i++) {
        if (g.before(ip, null, 1).kind() == Verdict.Kind.REFUSE) {
          refused++;
          break;
        }
        g.failed(ip, null, i);
      }
    }
    return refused;
  }

  private static int rows(String where) throws SQLException {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM ban " + where)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> rows() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT kind || ' ' || key || ' ' || reason FROM ban ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void awaitWritten() throws InterruptedException, SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (node.guard() != null && System.nanoTime() < deadline
        && rows().size() < node.guard().bans().active(clock.instant()).size()) {
      Thread.sleep(20);
    }
  }

  private List<String> rowsUnchecked() {
    try {
      return rows();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tenThousandSlash64sOfOneSlash48_makeABoundedNumberOfBanRows() throws Exception {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      addresses.add(String.format(Locale.ROOT, "2001:db8:1:%x::1", i));
    }
    int refused = attack(addresses);
    awaitWritten();
    List<String> stored = rowsUnchecked();
    assertThat(stored).as("3 address bans, then the /48").containsExactly("ip 2001:db8:1::1 ip-failures",
        "ip 2001:db8:1:1::1 ip-failures", "ip 2001:db8:1:2::1 ip-failures", "net 2001:db8:1::/48 net-escalated");
    assertThat(refused).isEqualTo(10_000 - 3);
    assertThat(node.guard().before(ClientAddress.parse("2001:db8:1:ffff::99"), "x@example.com", 1).kind())
        .isEqualTo(Verdict.Kind.REFUSE);
    assertThat(node.guard().before(ClientAddress.parse("2001:db8:2::1"), "x@example.com", 1))
        .as("the next /48 is not touched").isEqualTo(Verdict.ALLOW);
  }

  @Test
  void rotatingThroughSlash48s_escalatesToTheSlash32_andIpv4ToTheSlash16() throws Exception {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      addresses.add(String.format(Locale.ROOT, "2001:db8:%x:%x::1", i / 3, i % 3));
      addresses.add(String.format(Locale.ROOT, "198.%d.%d.1", 18 + (i % 2), (i / 2) % 256));
    }
    attack(addresses);
    awaitWritten();
    assertThat(rowsUnchecked()).contains("net 2001:db8::/32 net-escalated", "net 198.18.0.0/16 net-escalated",
        "net 198.19.0.0/16 net-escalated");
    assertThat(rows("")).as("bounded: a few address bans, /48s, one /32 and two /16s").isLessThanOrEqualTo(40);
  }
}
