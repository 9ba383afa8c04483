package io.cphub.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.push.StatusFile;
import io.cphub.agent.spool.Spool;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.whm.Fault;
import io.cphub.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents against the simulator and the real registry on real PostgreSQL: every panel change shows
 * as the right route within 2 s of its hook event; WHM faults never delete; a registry outage
 * loses nothing.
 */
class AgentRegistryTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final String S1 = "s1.hoster.test";
  static final String S2 = "s2.hoster.test";
  static final Duration TWO_SECONDS = Duration.ofSeconds(2);
  @TempDir static Path dir;
  static RegistryHarness registry;
  static Fleet fleet;
  static SimulatedServer s1;
  static SimulatedServer s2;

  @BeforeAll
  static void start() throws Exception {
    registry = new RegistryHarness(PG.db());
    List<SimAccount> first = new ArrayList<>();
    first.add(new SimAccount("alice", "alice.example", "root", false, null, null, List.of(
        new SimDomain("shop.example", "addon"), new SimDomain("alias.example", "parked"),
        new SimDomain("*.alice.example", "sub"))));
    for (String u : List.of("bob", "dave", "erin", "frank", "gina", "hank", "ivan")) {
      first.add(SimAccount.of(u, u + ".example"));
    }
    StateFile state = new StateFile(List.of(new ServerSpec(S1, "root", "WT", first),
        new ServerSpec(S2, "root", "WT", List.of(SimAccount.of("zed", "zed.example")))));
    fleet = new Fleet(state, dir);
    s1 = fleet.sim.server(S1);
    s2 = fleet.sim.server(S2);
    fleet.startAgent(S1, registry.url(), registry.enrol(S1, "10.0.0.1"));
    fleet.startAgent(S2, registry.url(), registry.enrol(S2, "10.0.0.2"));
    Await.until(Duration.ofSeconds(10), "initial sync", () -> S1.equals(registry.serverOf("ivan.example"))
        && S2.equals(registry.serverOf("zed.example")));
  }

  @AfterAll
  static void stop() throws Exception {
    fleet.close();
    registry.close();
  }

  static Duration routeWithin2s(String key, String server) throws Exception {
    return Await.until(TWO_SECONDS, key + " -> " + server, () -> Objects.equals(registry.serverOf(key), server));
  }

  @Test
  void initialSync_routesDomainsAndAccounts_butNotBackingSubsOrWildcards() throws Exception {
    assertThat(registry.serverOf("alice.example")).isEqualTo(S1);
    assertThat(registry.serverOf("shop.example")).isEqualTo(S1);
    assertThat(registry.serverOf("alias.example")).isEqualTo(S1);
    assertThat(registry.serverOf("user@shop.example")).isEqualTo(S1);
    assertThat(registry.serverOf("alice")).isEqualTo(S1);
    assertThat(registry.serverOf("shopexample.alice.example")).isNull();
    assertThat(registry.serverOf("x.alice.example")).isNull();
    assertThat(registry.serverOf("zed.example")).isEqualTo(S2);
  }

  @Test
  void accountCreatedAndRemoved() throws Exception {
    s1.createAccount(SimAccount.of("carol", "carol.example"), false);
    routeWithin2s("carol.example", S1);
    s1.removeAccount("carol");
    routeWithin2s("carol.example", null);
    routeWithin2s("carol", null);
  }

  @Test
  void domainParkedAndUnparked() throws Exception {
    s1.addDomain("bob", new SimDomain("bob.net", "parked"));
    routeWithin2s("bob.net", S1);
    s1.removeDomain("bob", "bob.net");
    routeWithin2s("bob.net", null);
  }

  @Test
  void addonAddedAndRemoved_withoutItsBackingSubdomain() throws Exception {
    s1.addDomain("bob", new SimDomain("bobshop.example", "addon"));
    routeWithin2s("bobshop.example", S1);
    assertThat(registry.serverOf("bobshopexample.bob.example")).isNull();
    s1.removeDomain("bob", "bobshop.example");
    routeWithin2s("bobshop.example", null);
  }

  @Test
  void subdomainAdded() throws Exception {
    s1.addDomain("bob", new SimDomain("Blog.Bob.Example", "sub"));
    routeWithin2s("blog.bob.example", S1);
  }

  @Test
  void accountRenamed_keepsItsDomainsRouted() throws Exception {
    s1.rename("dave", "dave2");
    Await.until(TWO_SECONDS, "dave.example owned by dave2", () -> {
      var r = registry.route("dave.example");
      return r != null && r.get("account").asText().equals("dave2") && r.get("server").asText().equals(S1);
    });
    routeWithin2s("dave2", S1);
    routeWithin2s("dave", null);
  }

  @Test
  void suspended_isRecorded_andStillRoutes() throws Exception {
    s1.suspend("erin", "billing", 1_700_000_000L);
    Await.until(TWO_SECONDS, "erin suspended in the registry", () -> suspended("erin"));
    assertThat(registry.serverOf("erin.example")).isEqualTo(S1);
  }

  @Test
  void transferred_appearsOnTheSecondServer_thenLeavesTheFirst() throws Exception {
    s2.createAccount(s1.state().find("frank").orElseThrow(), true);
    routeWithin2s("frank.example", S2);
    s1.removeAccount("frank");
    Await.until(TWO_SECONDS, "s1's agent processed the removal", () -> new Spool(fleet.spoolDir(S1)).depth() == 0
        && !accountOn(S1, "frank"));
    assertThat(registry.serverOf("frank.example")).isEqualTo(S2);
    assertThat(registry.serverOf("frank")).isEqualTo(S2);
  }

  @Test
  void whmFaults_neverDelete() throws Exception {
    List<String> victims = List.of("gina", "hank", "ivan");
    List<String> modes = List.of("http500", "truncated", "empty");
    for (int i = 0; i < 3; i++) {
      String user = victims.get(i);
      s1.fault(new Fault(modes.get(i), 0, null));
      s1.removeAccount(user);
      Await.until(Duration.ofSeconds(3), "agent saw the failure",
          () -> new StatusFile(dir.resolve("status-" + S1 + ".json")).read().lastError() != null
              && new Spool(fleet.spoolDir(S1)).depth() > 0);
      Thread.sleep(500);
      assertThat(registry.serverOf(user + ".example")).as(modes.get(i)).isEqualTo(S1);
      s1.fault(Fault.NONE);
      Await.until(Duration.ofSeconds(5), user + " removed once WHM answers", () -> registry.serverOf(user + ".example") == null);
    }
  }

  @Test
  void registryDownDuringABurst_everythingArrivesAfterItReturns() throws Exception {
    registry.stop();
    try {
      for (int i = 0; i < 12; i++) {
        s2.createAccount(SimAccount.of("burst" + i, "burst" + i + ".example"), false);
      }
      s2.addDomain("zed", new SimDomain("zed.net", "parked"));
      Await.until(Duration.ofSeconds(3), "events spooled", () -> new Spool(fleet.spoolDir(S2)).depth() >= 13);
    } finally {
      registry.restart();
    }
    Await.until(Duration.ofSeconds(10), "burst delivered", () -> {
      for (int i = 0; i < 12; i++) {
        if (!S2.equals(registry.serverOf("burst" + i + ".example"))) {
          return false;
        }
      }
      return S2.equals(registry.serverOf("zed.net"));
    });
    Await.until(Duration.ofSeconds(3), "spool drained", () -> new Spool(fleet.spoolDir(S2)).depth() == 0);
  }

  static boolean accountOn(String server, String user) throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM account a JOIN server s ON s.id = a.server_id"
            + " WHERE s.name = '" + server + "' AND a.username = '" + user + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  static boolean suspended(String user) throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT suspended FROM account WHERE username = '" + user + "'")) {
      return rs.next() && rs.getBoolean(1);
    }
  }
}
