package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.PinRequest;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token rotation with a grace period on a fake clock, revocation, named operator tokens, and the
 * audit log written in the action's own transaction, over real sockets.
 */
class AccountabilityTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  static Registry registry;
  static HttpApi http;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db(), Map.of("tokens.rotation-grace", "2h")), CLOCK);
    http = new HttpApi(registry.port());
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  static int push(String server, String token) throws Exception {
    return http.json("PUT", "/v1/servers/" + server + "/snapshot", token, snapshot(account("u" + server.charAt(1), false,
        server.charAt(0) + "" + server.charAt(1) + ".example"))).status();
  }

  static JsonNode audit(String query) throws Exception {
    HttpApi.Reply r = http.get("/v1/audit" + query, ADMIN);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  @Test
  void rotatedToken_keepsWorkingForTheGrace_thenOnlyTheNewOneDoes() throws Exception {
    String old = http.json("POST", "/v1/servers?reason=new+box", ADMIN, enrol("a1.hoster.test", "10.5.0.1"))
        .as(EnrolResult.class).token();
    Instant until = CLOCK.instant().plus(Duration.ofHours(2));
    HttpApi.Reply rot = http.send("POST", "/v1/servers/a1.hoster.test/token?reason=yearly", ADMIN, null, null);
    assertThat(rot.status()).as(rot.body()).isEqualTo(200);
    JsonNode body = Json.mapper().readTree(rot.body());
    String fresh = body.path("token").asText();
    assertThat(fresh).startsWith("cphub_").isNotEqualTo(old);
    assertThat(body.path("previousValidUntil").asText()).isEqualTo(until.toString());
    assertThat(push("a1.hoster.test", old)).isEqualTo(200);
    assertThat(push("a1.hoster.test", fresh)).isEqualTo(200);
    CLOCK.advance(Duration.ofHours(2));
    assertThat(push("a1.hoster.test", old)).isEqualTo(401);
    assertThat(push("a1.hoster.test", fresh)).isEqualTo(200);
    JsonNode last = audit("?limit=1").get(0);
    assertThat(last.path("action").asText()).isEqualTo("token.rotate");
    assertThat(last.path("actor").asText()).isEqualTo("admin");
    assertThat(last.path("reason").asText()).isEqualTo("yearly");
    assertThat(last.path("target").asText()).isEqualTo("a1.hoster.test");
  }

  @Test
  void revokedTokens_endAtOnce_includingOneInItsGrace() throws Exception {
    String old = http.json("POST", "/v1/servers", ADMIN, enrol("a2.hoster.test", "10.5.0.2")).as(EnrolResult.class).token();
    String fresh = Json.mapper().readTree(http.send("POST", "/v1/servers/a2.hoster.test/token", ADMIN, null, null).body())
        .path("token").asText();
    HttpApi.Reply rev = http.send("DELETE", "/v1/servers/a2.hoster.test/token?reason=leaked", ADMIN, null, null);
    assertThat(rev.status()).as(rev.body()).isEqualTo(200);
    assertThat(push("a2.hoster.test", old)).isEqualTo(401);
    assertThat(push("a2.hoster.test", fresh)).isEqualTo(401);
    String again = Json.mapper().readTree(http.send("POST", "/v1/servers/a2.hoster.test/token", ADMIN, null, null).body())
        .path("token").asText();
    assertThat(push("a2.hoster.test", again)).isEqualTo(200);
    assertThat(audit("?limit=1").get(0).path("previousValidUntil").isMissingNode()).isTrue();
    assertThat(audit("?limit=1").get(0).path("detail").path("previousValidUntil").isNull()).isTrue();
  }

  @Test
  void namedOperator_actsUnderItsName_cannotManageOperators_andStopsWhenRevoked() throws Exception {
    http.json("POST", "/v1/servers", ADMIN, enrol("a3.hoster.test", "10.5.0.3"));
    HttpApi.Reply add = http.send("POST", "/v1/operators", ADMIN, "application/json",
        "{\"name\":\"night-shift\",\"reason\":\"on call\"}");
    assertThat(add.status()).as(add.body()).isEqualTo(201);
    String op = Json.mapper().readTree(add.body()).path("token").asText();
    assertThat(http.get("/v1/servers", op).status()).isEqualTo(200);
    HttpApi.Reply patch = http.send("PATCH", "/v1/servers/a3.hoster.test?reason=disk+failing", op, "application/json",
        "{\"state\":\"draining\"}");
    assertThat(patch.status()).as(patch.body()).isEqualTo(200);
    JsonNode last = audit("?limit=1").get(0);
    assertThat(last.path("actorKind").asText()).isEqualTo("operator");
    assertThat(last.path("actor").asText()).isEqualTo("night-shift");
    assertThat(last.path("action").asText()).isEqualTo("server.patch");
    assertThat(last.path("reason").asText()).isEqualTo("disk failing");
    assertThat(last.path("detail").path("after").path("state").asText()).isEqualTo("draining");
    assertThat(http.send("POST", "/v1/operators", op, "application/json", "{\"name\":\"evil\"}").status()).isEqualTo(403);
    assertThat(http.get("/v1/operators", ADMIN).body()).contains("night-shift").doesNotContain(op);
    assertThat(http.send("DELETE", "/v1/operators/night-shift", ADMIN, null, null).status()).isEqualTo(200);
    assertThat(http.get("/v1/servers", op).status()).isEqualTo(401);
    assertThat(Fixtures.number(PG.db(), "SELECT count(*) FROM operator WHERE token_hash = sha256('" + op + "'::bytea)"))
        .isEqualTo(1);
  }

  @Test
  void pinsAndForcedSnapshots_areAudited_andARefusedPinLeavesNoRow() throws Exception {
    String t = http.json("POST", "/v1/servers", ADMIN, enrol("a4.hoster.test", "10.5.0.4")).as(EnrolResult.class).token();
    http.json("POST", "/v1/servers", ADMIN, enrol("a5.hoster.test", "10.5.0.5"));
    assertThat(http.json("PUT", "/v1/servers/a4.hoster.test/snapshot", t, snapshot(account("pia", false, "pia.example")))
        .status()).isEqualTo(200);
    long rows = Fixtures.count(PG.db(), "audit");
    HttpApi.Reply refused = http.json("PUT", "/v1/pins/pia.example", ADMIN, new PinRequest("a5.hoster.test", "try"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(Fixtures.count(PG.db(), "audit")).isEqualTo(rows);
    assertThat(http.json("PUT", "/v1/account-pins/pia", ADMIN, new PinRequest("a4.hoster.test", "keep here")).status())
        .isEqualTo(200);
    assertThat(audit("?limit=1").get(0).path("action").asText()).isEqualTo("account-pin.set");
    assertThat(audit("?limit=1").get(0).path("reason").asText()).isEqualTo("keep here");
    HttpApi.Reply forced = http.json("PUT", "/v1/servers/a4.hoster.test/snapshot?force=true&reason=box+wiped", ADMIN,
        snapshot());
    assertThat(forced.status()).as(forced.body()).isEqualTo(200);
    JsonNode last = audit("?limit=1").get(0);
    assertThat(last.path("action").asText()).isEqualTo("snapshot.force");
    assertThat(last.path("reason").asText()).isEqualTo("box wiped");
    assertThat(last.path("detail").path("summary").path("claimsRemoved").asInt()).isEqualTo(1);
    assertThat(Fixtures.count(PG.db(), "audit")).isEqualTo(rows + 2);
  }

  @Test
  void auditFilters_sinceAndLimit_areChecked() throws Exception {
    CLOCK.advance(Duration.ofDays(1));
    Instant mark = CLOCK.instant();
    http.json("POST", "/v1/servers?reason=late", ADMIN, enrol("a6.hoster.test", "10.5.0.6"));
    JsonNode since = audit("?since=" + mark);
    assertThat(since.size()).isEqualTo(1);
    assertThat(since.get(0).path("target").asText()).isEqualTo("a6.hoster.test");
    assertThat(http.get("/v1/audit?since=yesterday", ADMIN).status()).isEqualTo(400);
    assertThat(http.get("/v1/audit?limit=0", ADMIN).status()).isEqualTo(400);
    assertThat(http.get("/v1/audit?limit=5000", ADMIN).status()).isEqualTo(400);
  }
}
