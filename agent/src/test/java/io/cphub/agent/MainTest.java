package io.cphub.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.StateFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: sync-once then status, against the simulator and a recorded registry. */
class MainTest {
  @TempDir Path dir;

  record Result(int exit, String out) {}

  Result run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new Main()).execute(args);
      return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void syncOnce_thenStatus_showsTheSync_andARefusalFailsStatus() throws Exception {
    try (Simulator sim = new Simulator(new StateFile(List.of(new ServerSpec("s1.test", "root", "WT",
            List.of(SimAccount.of("alice", "alice.example"))))), "127.0.0.1", 0, n -> HookSink.NONE, Clock.systemUTC());
        MockWebServer registry = new MockWebServer()) {
      registry.start();
      Path config = dir.resolve("agent.properties");
      Files.writeString(config, String.join("\n", "server.name=s1.test", "registry.url=" + registry.url("/"),
          "registry.token=RT", "whm.url=http://127.0.0.1:" + sim.port("s1.test") + "/", "whm.token=WT",
          "spool.dir=" + dir.resolve("spool"), "status.file=" + dir.resolve("status.json"), ""));
      assertThat(run("status", "--config", config.toString()).exit()).isEqualTo(1);

      registry.enqueue(new MockResponse.Builder().code(200).body("{\"accountsUpserted\":1,\"accountsRemoved\":0,"
          + "\"claimsAdded\":1,\"claimsRemoved\":0,\"routesChanged\":2,\"version\":2}").build());
      Result sync = run("sync-once", "--config", config.toString());
      assertThat(sync.exit()).isZero();
      assertThat(sync.out()).contains("full sync accepted");
      assertThat(registry.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/servers/s1.test/snapshot");

      Result status = run("status", "--config", config.toString());
      assertThat(status.exit()).isZero();
      assertThat(status.out()).contains("server:            s1.test").contains("spool depth:       0")
          .contains("last error:        none").contains("registry refusal:  none");

      registry.enqueue(new MockResponse.Builder().code(409)
          .body("{\"error\":\"mass_removal\",\"detail\":\"would remove 100%\"}").build());
      assertThat(run("sync-once", "--config", config.toString()).exit()).isNotZero();
      Result refused = run("status", "--config", config.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.out()).contains("registry refusal:  registry refused snapshot of s1.test: HTTP 409 mass_removal");
    }
  }

  @Test
  void unknownConfigKey_failsWithTheKeyNamed() throws Exception {
    Path config = dir.resolve("bad.properties");
    Files.writeString(config, "server.name=x\nwhm.tokn=y\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new Main());
    cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    assertThat(cli.execute("status", "--config", config.toString())).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("whm.tokn");
  }
}
