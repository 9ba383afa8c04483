package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Json;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wire contract with agents of other releases. {@code contract/agent-0.1.0.json} holds what a
 * 0.1.0 agent sends (recorded from that release's own SnapshotBuilder and RegistryClient by
 * {@code e2e/mixed-versions capture}: a snapshot, account pushes with and without agent state,
 * one marked as transferred, a delete). Replayed as recorded (method, path, content type, body)
 * against this registry, each is accepted and does what it did for the 0.1.0 registry. A newer
 * agent's extra fields are ignored; known fields stay as strictly checked as ever.
 */
class AgentContractTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private static final String SERVER = "mixed1.hoster.test";

  private static JsonNode recorded(String release) throws Exception {
    try (InputStream in = AgentContractTest.class.getResourceAsStream("/contract/agent-" + release + ".json")) {
      assertThat(in).as("fixture for agent " + release).isNotNull();
      return Json.mapper().readTree(in);
    }
  }

  private static Registry start() throws Exception {
    return Registry.start(Fixtures.config(PG.db(), Map.of("http.max-body-bytes", "65536")),
        new MutableClock(Instant.parse("2026-12-01T00:00:00Z")));
  }

  private static String token(HttpApi http, String server) throws Exception {
    return http.json("POST", "/v1/servers", ADMIN, enrol(server, "10.7.1.1")).as(EnrolResult.class).token();
  }

  private static HttpApi.Reply replay(HttpApi http, String token, JsonNode request, JsonNode body) throws Exception {
    return http.send(request.get("method").asText(), request.get("path").asText(), token,
        request.get("contentType").asText(), body == null || body.isNull() ? null : body.toString());
  }

  @Test
  void agent010_everyRecordedRequest_isAcceptedOnItsRoute_andRoutesAsIt_didThen() throws Exception {
    JsonNode fixture = recorded("0.1.0");
    assertThat(fixture.get("requests")).hasSize(4);
    try (Registry registry = start()) {
      HttpApi http = new HttpApi(registry.port());
      String token = token(http, SERVER);
      for (JsonNode request : fixture.get("requests")) {
        HttpApi.Reply r = replay(http, token, request, request.get("body"));
        assertThat(r.status()).as(request.get("method") + " " + request.get("path") + ": " + r.body()).isEqualTo(200);
        ChangeSummary summary = r.as(ChangeSummary.class);
        assertThat(summary.feedIdentity()).isNotNull();
        String after = Fixtures.state(PG.db());
        assertThat(replay(http, token, request, request.get("body")).status()).isEqualTo(200);
        assertThat(Fixtures.state(PG.db())).as("the same request again changes nothing (the clock stands still)")
            .isEqualTo(after);
        if (request.get("path").asText().endsWith("/snapshot")) {
          assertThat(summary.claimsAdded()).isEqualTo(6);
          assertThat(Fixtures.number(PG.db(), "SELECT count(*) FROM server WHERE agent_state->>'version' = '0.1.0'"))
              .isEqualTo(1);
        }
      }
      assertThat(Fixtures.routes(PG.db())).containsOnlyKeys("mix-alpha.example", "addon-alpha.example",
          "xn--bcher-alpha-thb.example", "blog.mix-alpha.example", "mix-beta.example", "mix-delta.example",
          "parked-delta.example", "mix-epsilon.example");
      assertThat(Fixtures.accountRoutes(PG.db())).containsOnlyKeys("mixalpha", "mixbeta", "mixdelta", "mixepsilon");
      assertThat(Fixtures.number(PG.db(), "SELECT count(*) FROM account WHERE username = 'mixepsilon' AND transferred"))
          .as("the transfer evidence of a 0.1.0 push is kept").isEqualTo(1);
      assertThat(Fixtures.number(PG.db(), "SELECT count(*) FROM account WHERE username = 'mixbeta' AND suspended"))
          .isEqualTo(1);

    }
  }

  @Test
  void newerAgent_unknownFieldsAtEveryLevel_areIgnored_knownFieldsStayStrict() throws Exception {
    JsonNode snapshotRequest = recorded("0.1.0").get("requests").get(0);
    ObjectNode body = snapshotRequest.get("body").deepCopy();
    body.put("generation", 7);
    ((ObjectNode) body.get("agent")).put("spoolOldestSeconds", 12).putObject("whm").put("version", "120.0.4");
    for (JsonNode account : body.get("accounts")) {
      ((ObjectNode) account).put("diskQuotaMb", 2048);
      for (JsonNode domain : account.get("domains")) {
        ((ObjectNode) domain).putNull("documentRoot");
      }
    }
    try (Registry registry = start()) {
      HttpApi http = new HttpApi(registry.port());
      String token = token(http, "mixed2.hoster.test");
      JsonNode request = snapshotRequest.deepCopy();
      ((ObjectNode) request).put("path", "/v1/servers/mixed2.hoster.test/snapshot");
      HttpApi.Reply ok = replay(http, token, request, body);
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      assertThat(ok.as(ChangeSummary.class).claimsAdded()).isEqualTo(6);
      assertThat(Fixtures.routes(PG.db())).containsKeys("mix-alpha.example", "xn--bcher-alpha-thb.example");

      ((ObjectNode) body.get("accounts").get(0)).put("suspended", "maybe");
      HttpApi.Reply bad = replay(http, token, request, body);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.error()).isEqualTo("invalid_json");

      ObjectNode push = recorded("0.1.0").get("requests").get(1).get("body").deepCopy();
      push.put("sequence", 99);
      ((ObjectNode) push.get("account")).putArray("aliases").add("x.example");
      HttpApi.Reply pushed = http.send("PUT", "/v1/servers/mixed2.hoster.test/accounts/mixdelta", token,
          "application/json", push.toString());
      assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
      assertThat(Fixtures.routes(PG.db())).containsKeys("mix-delta.example", "parked-delta.example")
          .doesNotContainKey("x.example");
    }
  }
}
