package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Known-good (account, network) pairs shared through the database: the owner of an account under
 * protection, known on node A, is let in on node B and by node A after a restart; nobody else
 * is. Two real auth_http stacks on one real PostgreSQL, as the cphub_proxy role.
 */
class KnownGoodSharingTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private final MutableClock clock = new MutableClock();
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void empty() throws SQLException {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM ban");
      st.execute("DELETE FROM known_good");
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private AbuseProtection node(String name) throws InterruptedException {
    AbuseProtection p = AbuseProtection.start(TestConfigs.with(List.of(), 100_000, name), () -> {
      Connection c = PG.db().connect();
      try (Statement st = c.createStatement()) {
        st.execute("SET ROLE cphub_proxy");
      }
      return c;
    }, clock, new PrometheusRegistry());
    open.add(p);
    assertThat(await(p::connected)).isTrue();
    return p;
  }

  private AuthStack stack(AbuseProtection p) throws InterruptedException {
    AuthStack s = new AuthStack(p);
    open.add(s);
    return s;
  }

  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private static int storedPairs() throws SQLException {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM known_good")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Ten distinct wrong passwords for alice from ten networks: the account is protected. */
  private static void spray(AuthStack node) throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(node.login("203.0." + (i + 1) + ".9", "alice@example.com", "guess" + i).ok()).isFalse();
    }
  }

  @Test
  void theOwnerKnownOnNodeA_isLetInOnNodeB_andByNodeAAfterARestart() throws Exception {
    AbuseProtection a = node("node-a");
    AbuseProtection b = node("node-b");
    AuthStack nodeA = stack(a);
    AuthStack nodeB = stack(b);
    ClientAddress home = ClientAddress.parse("192.0.2.10");

    assertThat(nodeA.login("192.0.2.10", "alice@example.com", "pw-alice").ok()).isTrue();
    assertThat(await(() -> b.guard().knownGood().contains("alice@example.com", home)))
        .as("node b learns the pair through the database").isTrue();
    assertThat(storedPairs()).isEqualTo(1);

    spray(nodeB);
    assertThat(await(() -> a.guard().bans().active(Ban.Kind.ACCOUNT, "alice@example.com", clock.instant()) != null))
        .isTrue();
    assertThat(nodeB.login("198.51.100.1", "alice@example.com", "pw-alice").ok())
        .as("a network alice never logged in from is refused, even with the right password").isFalse();
    int checks = nodeB.checks.get();
    assertThat(nodeB.login("192.0.2.10", "alice@example.com", "pw-alice").ok())
        .as("the owner is let in on node b, which never saw her log in").isTrue();
    assertThat(nodeB.checks.get()).as("and her password was really checked").isEqualTo(checks + 1);
    assertThat(nodeB.login("192.0.2.10", "alice@example.com", "wrong").ok()).isFalse();

    nodeA.close();
    a.close();
    open.remove(nodeA);
    open.remove(a);
    AbuseProtection restarted = node("node-a");
    AuthStack nodeA2 = stack(restarted);
    assertThat(restarted.guard().bans().active(Ban.Kind.ACCOUNT, "alice@example.com", clock.instant())).isNotNull();
    assertThat(nodeA2.login("192.0.2.10", "alice@example.com", "pw-alice").ok())
        .as("after a restart node a still knows the owner").isTrue();
    assertThat(nodeA2.login("198.51.100.1", "alice@example.com", "pw-alice").ok()).isFalse();
  }

  @Test
  void theDatabaseHoldsOnlyKeyedHashes_andTheRegistryRoleCannotReadTheKey() throws Exception {
    AbuseProtection a = node("node-a");
    AuthStack nodeA = stack(a);
    assertThat(nodeA.login("192.0.2.10", "alice@example.com", "pw-alice").ok()).isTrue();
    assertThat(await(() -> {
      try {
        return storedPairs() == 1;
      } catch (SQLException e) {
        return false;
      }
    })).isTrue();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT * FROM known_good")) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
        rs.next();
        assertThat(rs.getString(1)).doesNotContain("alice").doesNotContain("192.0.2");
      }
      st.execute("SET ROLE cphub_registry");
      assertThatThrownBy(() -> st.executeQuery("SELECT key FROM known_good_key")).isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void withoutAccessToTheKnownGoodTables_bansAreStillFollowed_andPairsStayLocal() throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      st.execute("REVOKE SELECT ON known_good_key FROM cphub_proxy");
    }
    try {
      AbuseProtection a = node("node-a");
      AuthStack nodeA = stack(a);
      assertThat(nodeA.login("192.0.2.10", "alice@example.com", "pw-alice").ok()).isTrue();
      spray(nodeA);
      assertThat(await(() -> {
        try (Connection c = PG.db().connect(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT count(*) FROM ban WHERE kind = 'account'")) {
          rs.next();
          return rs.getInt(1) == 1;
        } catch (SQLException e) {
          return false;
        }
      })).as("the ban follower still writes bans").isTrue();
      assertThat(nodeA.login("192.0.2.10", "alice@example.com", "pw-alice").ok()).as("known on this node").isTrue();
      assertThat(storedPairs()).isZero();
    } finally {
      try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
        st.execute("GRANT SELECT ON known_good_key TO cphub_proxy");
      }
    }
  }

  @Test
  void aFullWriteQueue_dropsPairsWithAMetric_andTheyStayKnownOnThisNode() {
    PrometheusRegistry registry = new PrometheusRegistry();
    AbuseGuard g = new AbuseGuard(TestConfigs.knownGoodQueue(2), clock, new BanList(), BanSink.LOCAL,
        new GuardMetrics(registry));
    for (int i = 0; i < 5; i++) {
      g.succeeded(ClientAddress.parse("192.0." + i + ".1"), "alice@example.com");
    }
    g.succeeded(ClientAddress.parse("192.0.0.1"), "alice@example.com");
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_known_good_writes", "result", "dropped")).isEqualTo(3);
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_known_good_pending")).isEqualTo(2);
    assertThat(g.knownGood().contains("alice@example.com", ClientAddress.parse("192.0.4.1"))).isTrue();
  }
}
