package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two proxy nodes (each: guard, ban follower on its own connection as the cphub_proxy role, real
 * auth_http server) on one database: bans reach the other node within a second, operators lift
 * them with the CLI, and a database outage neither stops logins nor loses a node's bans.
 */
class BanSharingTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock();
  private final AtomicBoolean aDown = new AtomicBoolean();
  private AbuseProtection a;
  private AbuseProtection b;
  private AuthStack nodeA;
  private AuthStack nodeB;
  private final PrometheusRegistry registryA = new PrometheusRegistry();

  private AbuseProtection.Connector connector(String name, AtomicBoolean down) {
    return () -> {
      if (down.get()) {
        throw new SQLException("connection refused (database down in this test)", "08001");
      }
      Connection c = PG.db().connect();
      try (Statement st = c.createStatement()) {
        st.execute("SET application_name = '" + name + "'");
        st.execute("SET ROLE cphub_proxy");
      }
      return c;
    };
  }

  @BeforeEach
  void start() throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM ban");
    }
    a = AbuseProtection.start(TestConfigs.with(List.of(), 100_000, "node-a"), connector("ban-a", aDown), clock,
        registryA);
    b = AbuseProtection.start(TestConfigs.with(List.of(), 100_000, "node-b"), connector("ban-b", new AtomicBoolean()),
        clock, new PrometheusRegistry());
    nodeA = new AuthStack(a);
    nodeB = new AuthStack(b);
    await(Duration.ofSeconds(10), () -> a.connected() && b.connected());
  }

  @AfterEach
  void stop() {
    nodeA.close();
    nodeB.close();
    a.close();
    b.close();
  }

  private static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private void attack(AuthStack node, String ip) throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(node.login(ip, "user" + i + "@example.com", "guess" + i).ok()).isFalse();
    }
  }

  @Test
  void aBanDecidedByOneNode_isEnforcedByTheOtherWithinOneSecond() throws Exception {
    attack(nodeA, "198.51.100.7");
    long decided = System.nanoTime();
    assertThat(a.guard().bans().active(Ban.Kind.IP, "198.51.100.7", clock.instant())).isNotNull();
    boolean seen = await(Duration.ofSeconds(1),
        () -> b.guard().bans().active(Ban.Kind.IP, "198.51.100.7", clock.instant()) != null);
    long millis = (System.nanoTime() - decided) / 1_000_000;
    assertThat(seen).as("node b enforces the ban after %d ms", millis).isTrue();
    System.out.println("ban propagation node a -> node b: " + millis + " ms");

    assertThat(nodeB.login("198.51.100.7", "user0@example.com", "pw-user0").ok()).isFalse();
    assertThat(nodeB.checks.get()).as("node b did not even ask the backend").isZero();
    assertThat(nodeB.login("203.0.113.5", "alice@example.com", "pw-alice").ok()).isTrue();

    Ban stored = b.guard().bans().active(Ban.Kind.IP, "198.51.100.7", clock.instant());
    assertThat(stored.id()).isPositive();
    assertThat(stored.createdBy()).isEqualTo("node-a");
    assertThat(stored.reason()).isEqualTo("ip-failures");
    assertThat(stored.failures()).isEqualTo(20);
  }

  @Test
  void operatorsListAndLiftBansWithTheCli_everyNodeStopsEnforcingTheBan() throws Exception {
    attack(nodeA, "198.51.100.7");
    assertThat(await(Duration.ofSeconds(1),
        () -> b.guard().bans().active(Ban.Kind.IP, "198.51.100.7", clock.instant()) != null)).isTrue();
    Path config = Files.writeString(dir.resolve("proxy.properties"), "db.url=" + PG.db().url() + "\ndb.user="
        + PG.db().user() + "\n" + (PG.db().password() == null ? "" : "db.password=" + PG.db().password() + "\n")
        + "abuse.node=ops-host\n");

    String list = cli(config, "list");
    assertThat(list).contains("\tip\t198.51.100.7\tip-failures\t20\t").contains("node-a\tin force").contains("1 bans in force");
    assertThat(cli(config, "lift", "ip", "not-an-ip")).startsWith("invalid: ");
    assertThat(cli(config, "lift", "ip", "198.51.100.7")).startsWith("lifted ban ");
    assertThat(cli(config, "lift", "ip", "198.51.100.7")).startsWith("no ip ban in force on 198.51.100.7");

    assertThat(await(Duration.ofSeconds(1), () -> a.guard().bans().active(Ban.Kind.IP, "198.51.100.7", clock.instant())
        == null && b.guard().bans().active(Ban.Kind.IP, "198.51.100.7", clock.instant()) == null)).isTrue();
    assertThat(nodeB.login("198.51.100.7", "user0@example.com", "pw-user0").ok()).isTrue();
    assertThat(nodeA.login("198.51.100.7", "user1@example.com", "another-guess").ok()).isFalse();
    assertThat(a.guard().bans().active(Ban.Kind.IP, "198.51.100.7", clock.instant()))
        .as("the lifted ban's counts were forgotten: one more failure does not re-ban").isNull();
    assertThat(cli(config, "list", "--all")).contains("lifted ").contains(" by cli@ops-host");
  }

  private String cli(Path config, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    new CommandLine(new BansCommand(clock, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8))).execute(all);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aDatabaseOutage_keepsKnownBans_appliesNewOnesLocally_andWritesThemWhenTheDatabaseIsBack() throws Exception {
    attack(nodeB, "198.51.100.1");
    assertThat(await(Duration.ofSeconds(1),
        () -> a.guard().bans().active(Ban.Kind.IP, "198.51.100.1", clock.instant()) != null)).isTrue();

    aDown.set(true);
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ban-a'");
    }
    assertThat(await(Duration.ofSeconds(5), () -> !a.connected())).isTrue();

    assertThat(nodeA.login("198.51.100.1", "user0@example.com", "pw-user0").ok()).as("known bans keep applying").isFalse();
    assertThat(nodeA.login("203.0.113.5", "alice@example.com", "pw-alice").ok()).as("logins go on").isTrue();
    attack(nodeA, "198.51.100.2");
    assertThat(nodeA.login("198.51.100.2", "user0@example.com", "pw-user0").ok()).as("new bans apply locally").isFalse();
    assertThat(Metrics.value(registryA, "cphub_proxy_abuse_pending_writes")).isEqualTo(1);
    assertThat(b.guard().bans().active(Ban.Kind.IP, "198.51.100.2", clock.instant())).isNull();

    aDown.set(false);
    assertThat(await(Duration.ofSeconds(5),
        () -> b.guard().bans().active(Ban.Kind.IP, "198.51.100.2", clock.instant()) != null))
        .as("node a writes its ban when the database is back; node b then enforces it").isTrue();
    assertThat(Metrics.value(registryA, "cphub_proxy_abuse_pending_writes")).isZero();
    assertThat(Metrics.value(registryA, "cphub_proxy_abuse_ban_writes", "result", "stored")).isEqualTo(1);
  }
}
