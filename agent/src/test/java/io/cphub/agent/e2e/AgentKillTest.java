package io.cphub.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.spool.Spool;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import io.cphub.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a real process, killed with SIGKILL while the registry is in the middle of its
 * push (the registry's transaction is held on the server row lock): after a restart nothing is
 * lost.
 */
class AgentKillTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final String S3 = "s3.hoster.test";
  @TempDir Path dir;
  Process agent;

  @AfterEach
  void kill() throws InterruptedException {
    if (agent != null) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  Process startAgent(Path config, int n) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"), "io.cphub.agent.Main", "serve", "--config",
        config.toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + n + ".log").toFile());
    return pb.start();
  }

  @Test
  void agentKilledMidPush_losesNothingAfterRestart() throws Exception {
    try (RegistryHarness registry = new RegistryHarness(PG.db());
        Fleet fleet = new Fleet(new StateFile(List.of(new ServerSpec(S3, "root", "WT",
            List.of(SimAccount.of("a1", "a1.example"), SimAccount.of("a2", "a2.example"))))), dir)) {
      String token = registry.enrol(S3, "10.0.0.3");
      Path config = dir.resolve("agent.properties");
      Files.writeString(config, String.join("\n",
          "server.name=" + S3, "registry.url=" + registry.url(), "registry.token=" + token,
          "whm.url=" + fleet.whmUrl(S3), "whm.user=root", "whm.token=WT",
          "spool.dir=" + fleet.spoolDir(S3), "status.file=" + dir.resolve("status.json"),
          "sync.debounce-ms=50", "sync.poll-ms=20", "backoff.initial-ms=200", "backoff.max-ms=2000",
          "metrics.listen=127.0.0.1:0", ""));
      agent = startAgent(config, 1);
      awaitWithLog(1, "first agent's start-up sync", () -> S3.equals(registry.serverOf("a2.example")));

      SimulatedServer s3 = fleet.sim.server(S3);
      Spool spool = new Spool(fleet.spoolDir(S3));
      try (Connection lock = PG.db().connect()) {
        lock.setAutoCommit(false);
        try (Statement st = lock.createStatement()) {
          st.execute("SELECT id FROM server WHERE name = '" + S3 + "' FOR UPDATE");
        }
        s3.addDomain("a1", new SimDomain("a1.net", "parked"));
        Await.until(Duration.ofSeconds(5), "the push is inside the registry, waiting", () -> waitingOnLock() > 0);
        agent.destroyForcibly();
        assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
        lock.rollback();
      }
      assertThat(spool.depth()).as("the event stays spooled: its push was never acknowledged").isEqualTo(1);

      agent = startAgent(config, 2);
      awaitWithLog(2, "restarted agent delivers and drains the spool",
          () -> spool.depth() == 0 && S3.equals(registry.serverOf("a1.net")));
      assertThat(registry.serverOf("a1.example")).isEqualTo(S3);
    }
  }

  /** Waits up to 60 s (a JVM start on a loaded machine); on failure the agent's log is in the message. */
  void awaitWithLog(int n, String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    try {
      Await.until(Duration.ofSeconds(60), what, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; agent log:\n" + Files.readString(dir.resolve("agent-" + n + ".log")), e);
    }
  }

  static long waitingOnLock() throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            + " AND datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
