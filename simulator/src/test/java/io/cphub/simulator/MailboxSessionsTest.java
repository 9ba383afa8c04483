package io.cphub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terminate_cpuser_mailbox_sessions}: its answers, failures, and the kicks it runs with a doveadm command. */
class MailboxSessionsTest {
  final HttpClient client = HttpClient.newHttpClient();
  @TempDir Path tmp;
  Simulator sim;

  Simulator start(List<String> doveadm) throws Exception {
    SimAccount alice = new SimAccount("alice", "alice.example", "root", false, null, null,
        List.of(new SimDomain("shop.example", "addon")));
    sim = new Simulator(new StateFile(List.of(new ServerSpec("s1.test", "root", "T", List.of(alice), doveadm))),
        "127.0.0.1", 0, n -> HookSink.NONE, Clock.systemUTC());
    return sim;
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  HttpResponse<String> call(String query) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port("s1.test")
        + "/json-api/terminate_cpuser_mailbox_sessions?api.version=1" + query)).header("Authorization", "whm root:T")
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode meta(String query) throws Exception {
    HttpResponse<String> r = call(query);
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.mapper().readTree(r.body()).get("metadata");
  }

  Path doveadm(int exit) throws Exception {
    Path log = tmp.resolve("kicks.log");
    Path script = tmp.resolve("doveadm-" + exit);
    Files.writeString(script, "#!/bin/sh\necho \"$@\" >> '" + log + "'\nexit " + exit + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void existingAccount_isTerminated_andEveryDomainKicked_likeCpanelsOwnKick() throws Exception {
    Path script = doveadm(0);
    start(List.of(script.toString(), "-c", "/x/dovecot.conf"));
    JsonNode m = meta("&username=alice");
    assertThat(m.get("result").asInt()).isEqualTo(1);
    assertThat(m.get("command").asText()).isEqualTo("terminate_cpuser_mailbox_sessions");
    assertThat(sim.server("s1.test").api().terminated()).containsExactly("alice");
    assertThat(Files.readAllLines(tmp.resolve("kicks.log"))).containsExactly("-c /x/dovecot.conf kick alice",
        "-c /x/dovecot.conf kick *@alice.example", "-c /x/dovecot.conf kick *@shop.example");
  }

  @Test
  void nobodyConnected_exit68_isStillSuccess() throws Exception {
    start(List.of(doveadm(68).toString()));
    assertThat(meta("&username=alice").get("result").asInt()).isEqualTo(1);
  }

  @Test
  void failures_missingUser_unknownUser_failingKick_faults() throws Exception {
    start(List.of(doveadm(75).toString()));
    assertThat(meta("").get("result").asInt()).isZero();
    JsonNode gone = meta("&username=bob");
    assertThat(gone.get("result").asInt()).isZero();
    assertThat(gone.get("reason").asText()).contains("UserNotFound").contains("bob");
    JsonNode failed = meta("&username=alice");
    assertThat(failed.get("result").asInt()).isZero();
    assertThat(failed.get("reason").asText()).contains("exited 75");
    assertThat(sim.server("s1.test").api().terminated()).isEmpty();

    sim.server("s1.test").fault(new io.cphub.simulator.whm.Fault("http500", 0,
        "terminate_cpuser_mailbox_sessions"));
    assertThat(call("&username=alice").statusCode()).isEqualTo(500);
  }
}
