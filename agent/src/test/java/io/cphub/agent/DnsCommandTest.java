package io.cphub.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cphub-agent dns plan|apply|rollback} against the simulator: dry run by default, JSON, exit codes. */
class DnsCommandTest {
  @TempDir Path dir;

  record Result(int exit, String out) {}

  Result run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      return new Result(new CommandLine(new Main()).execute(args), bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void planJson_applyDryRunByDefault_executeThenRollback() throws Exception {
    try (Simulator sim = new Simulator(new StateFile(List.of(new ServerSpec("s1.test", "root", "WT",
            List.of(SimAccount.of("alice", "alice.example"), SimAccount.of("bob", "bob.example"))))), "127.0.0.1", 0,
        n -> HookSink.NONE, Clock.systemUTC())) {
      Path config = dir.resolve("agent.properties");
      Files.writeString(config, String.join("\n", "server.name=s1.test", "registry.url=http://127.0.0.1:9/",
          "registry.token=RT", "whm.url=http://127.0.0.1:" + sim.port("s1.test") + "/", "whm.token=WT",
          "dns.target=mail.hoster.host", "dns.journal=" + dir.resolve("dns.jsonl"), "dns.pause-ms=0", ""));
      String c = config.toString();
      var zone = sim.server("s1.test").zones().zone("alice.example");
      long serial = zone.serial();

      Result plan = run("dns", "plan", "--json", "--config", c);
      assertThat(plan.exit()).isZero();
      JsonNode json = Json.mapper().readTree(plan.out());
      assertThat(json.path("zones")).hasSize(2);
      assertThat(json.at("/zones/0/status").asText()).isEqualTo("planned");

      Result dry = run("dns", "apply", "--config", c);
      assertThat(dry.exit()).isZero();
      assertThat(dry.out()).contains("dry run: nothing was changed").contains("alice.example");
      assertThat(zone.serial()).isEqualTo(serial);
      assertThat(Files.exists(dir.resolve("dns.jsonl"))).isFalse();

      Result one = run("dns", "apply", "--only", "alice.example", "--execute", "--config", c);
      assertThat(one.exit()).isZero();
      assertThat(one.out()).contains("done").doesNotContain("bob.example");
      assertThat(zone.serial()).isGreaterThan(serial);

      sim.server("s1.test").zones().failCluster("bob.example", -1);
      Result failed = run("dns", "apply", "--yes", "--config", c);
      assertThat(failed.exit()).isEqualTo(3);
      assertThat(failed.out()).contains("dnsadmin").contains("not set: 1 zone(s) failed");

      Result back = run("dns", "rollback", "--config", c);
      assertThat(back.exit()).isZero();
      assertThat(back.out()).contains("restored");
      assertThat(zone.lines().stream().filter(l -> l != null && "autoconfig".equals(l.dname())).findFirst()
          .orElseThrow().type()).isEqualTo("A");
    }
  }
}
