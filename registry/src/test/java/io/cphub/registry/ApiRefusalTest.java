package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.EnrolResult;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Refused requests over a real socket: each gets its exact status and JSON reason, and leaves
 * every table exactly as it was.
 */
class ApiRefusalTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final String S1 = "/v1/servers/r1.hoster.test";
  static final String JSON = "application/json";
  static Registry registry;
  static HttpApi http;
  static String t1;
  static String t2;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    http = new HttpApi(registry.port());
    t1 = http.json("POST", "/v1/servers", ADMIN, enrol("r1.hoster.test", "10.2.0.1")).as(EnrolResult.class).token();
    t2 = http.json("POST", "/v1/servers", ADMIN, enrol("r2.hoster.test", "10.2.0.2")).as(EnrolResult.class).token();
    List<String> domains = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      domains.add("g" + i + ".example");
    }
    assertThat(http.json("PUT", S1 + "/snapshot", t1,
        snapshot(account("guard", false, domains.toArray(String[]::new)))).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  static final String OK_BODY = "{\"accounts\":[{\"username\":\"guard\",\"primaryDomain\":\"g0.example\",\"owner\":\"root\","
      + "\"suspended\":false,\"domains\":[" + domainsJson(10) + "]}],\"agent\":null}";

  static Stream<Arguments> hostile() {
    String big = "{\"accounts\":[],\"agent\":{\"version\":\"" + "x".repeat(70_000) + "\",\"spoolDepth\":0}}";
    return Stream.of(
        Arguments.of("no token", "PUT", S1 + "/snapshot", null, JSON, OK_BODY, 401, "unauthorized"),
        Arguments.of("unknown token", "PUT", S1 + "/snapshot", "cphub_nope", JSON, OK_BODY, 401, "unauthorized"),
        Arguments.of("other server's token", "PUT", S1 + "/snapshot", "T2", JSON, OK_BODY, 403, "forbidden"),
        Arguments.of("server token forcing", "PUT", S1 + "/snapshot?force=true", "T1", JSON, OK_BODY, 403, "forbidden"),
        Arguments.of("server token on operator endpoint", "GET", "/v1/servers", "T1", null, null, 403, "forbidden"),
        Arguments.of("server token enrolling", "POST", "/v1/servers", "T1", JSON,
            "{\"name\":\"x.hoster.test\",\"address\":\"10.0.0.9\"}", 403, "forbidden"),
        Arguments.of("server token pinning", "PUT", "/v1/pins/g1.example", "T1", JSON,
            "{\"server\":\"r1.hoster.test\",\"reason\":\"x\"}", 403, "forbidden"),
        Arguments.of("malformed JSON", "PUT", S1 + "/snapshot", "T1", JSON, "{\"accounts\":[", 400, "invalid_json"),
        Arguments.of("trailing garbage", "PUT", S1 + "/snapshot", "T1", JSON, OK_BODY + "x", 400, "invalid_json"),
        // unknown fields in agent bodies are ignored (a newer agent): AgentContractTest
        Arguments.of("missing accounts", "PUT", S1 + "/snapshot", "T1", JSON, "{\"agent\":null}", 400, "invalid_json"),
        Arguments.of("JSON null", "PUT", S1 + "/snapshot", "T1", JSON, "null", 400, "invalid_json"),
        Arguments.of("empty body", "PUT", S1 + "/snapshot", "T1", JSON, "", 400, "invalid_json"),
        Arguments.of("invalid domain", "PUT", S1 + "/snapshot", "T1", JSON, OK_BODY.replace("g3.example", "g_3.example"),
            400, "invalid_name"),
        Arguments.of("control char in domain", "PUT", S1 + "/snapshot", "T1", JSON,
            OK_BODY.replace("g3.example", "g3\\u0000.example"), 400, "invalid_name"),
        Arguments.of("duplicate domain after normalising", "PUT", S1 + "/snapshot", "T1", JSON,
            OK_BODY.replace("g3.example", "G2.Example."), 400, "duplicate"),
        Arguments.of("duplicate account", "PUT", S1 + "/snapshot", "T1", JSON,
            OK_BODY.replace("]}],", "]},{\"username\":\"GUARD\",\"primaryDomain\":\"h.example\",\"owner\":\"root\","
                + "\"suspended\":false,\"domains\":[]}],"), 400, "duplicate"),
        Arguments.of("invalid username", "PUT", S1 + "/snapshot", "T1", JSON, OK_BODY.replace("\"guard\"", "\"-x\""),
            400, "invalid_name"),
        Arguments.of("unknown domain kind", "PUT", S1 + "/snapshot", "T1", JSON, OK_BODY.replace("addon", "weird"),
            400, "invalid_json"),
        Arguments.of("negative spool depth", "PUT", S1 + "/snapshot", "T1", JSON,
            "{\"accounts\":[],\"agent\":{\"version\":\"1\",\"spoolDepth\":-1}}", 400, "invalid_json"),
        Arguments.of("wrong content type", "PUT", S1 + "/snapshot", "T1", "text/plain", OK_BODY, 415, "unsupported_media_type"),
        Arguments.of("no content type", "PUT", S1 + "/snapshot", "T1", null, OK_BODY, 415, "unsupported_media_type"),
        Arguments.of("oversize body", "PUT", S1 + "/snapshot", "T1", JSON, big, 413, "body_too_large"),
        Arguments.of("unknown server", "PUT", "/v1/servers/zz.hoster.test/snapshot", ADMIN, JSON, OK_BODY, 404,
            "unknown_server"),
        Arguments.of("invalid server name", "PUT", "/v1/servers/bad_name/snapshot", ADMIN, JSON, OK_BODY, 400, "invalid_name"),
        Arguments.of("bad force value", "PUT", S1 + "/snapshot?force=yes", ADMIN, JSON, OK_BODY, 400, "invalid_request"),
        Arguments.of("empty snapshot", "PUT", S1 + "/snapshot", "T1", JSON, "{\"accounts\":[],\"agent\":null}", 409,
            "mass_removal"),
        Arguments.of("removes 30%", "PUT", S1 + "/snapshot", "T1", JSON,
            OK_BODY.replace(",{\"name\":\"g9.example\",\"kind\":\"addon\"}", "")
                .replace(",{\"name\":\"g8.example\",\"kind\":\"addon\"}", "")
                .replace(",{\"name\":\"g7.example\",\"kind\":\"addon\"}", ""), 409, "mass_removal"),
        Arguments.of("account path mismatch", "PUT", S1 + "/accounts/other", "T1", JSON,
            "{\"account\":{\"username\":\"guard\",\"primaryDomain\":\"g0.example\",\"owner\":\"root\",\"suspended\":false,"
                + "\"domains\":[]},\"agent\":null}", 400, "invalid_request"),
        Arguments.of("enrol with host name", "POST", "/v1/servers", ADMIN, JSON,
            "{\"name\":\"x.hoster.test\",\"address\":\"mail.example.com\"}", 400, "invalid_address"),
        Arguments.of("enrol with network", "POST", "/v1/servers", ADMIN, JSON,
            "{\"name\":\"x.hoster.test\",\"address\":\"10.0.0.0/8\"}", 400, "invalid_address"),
        Arguments.of("enrol with bad port", "POST", "/v1/servers", ADMIN, JSON,
            "{\"name\":\"x.hoster.test\",\"address\":\"10.0.0.9\",\"imapPort\":70000}", 400, "invalid_port"),
        Arguments.of("enrol duplicate", "POST", "/v1/servers", ADMIN, JSON,
            "{\"name\":\"R1.hoster.test\",\"address\":\"10.0.0.9\"}", 409, "duplicate_server"),
        Arguments.of("patch bad state", "PATCH", S1, ADMIN, JSON, "{\"state\":\"gone\"}", 400, "invalid_state"),
        Arguments.of("patch nothing", "PATCH", S1, ADMIN, JSON, "{}", 400, "invalid_request"),
        Arguments.of("pin unclaimed", "PUT", "/v1/pins/g1.example", ADMIN, JSON,
            "{\"server\":\"r2.hoster.test\",\"reason\":\"x\"}", 409, "pin_not_claimed"),
        Arguments.of("pin empty reason", "PUT", "/v1/pins/g1.example", ADMIN, JSON,
            "{\"server\":\"r1.hoster.test\",\"reason\":\" \"}", 400, "invalid_request"),
        Arguments.of("pin wildcard", "PUT", "/v1/pins/*.example.com", ADMIN, JSON,
            "{\"server\":\"r1.hoster.test\",\"reason\":\"x\"}", 400, "invalid_name"),
        Arguments.of("unpin missing", "DELETE", "/v1/pins/g1.example", ADMIN, null, null, 404, "no_pin"),
        Arguments.of("account pin where the account is not", "PUT", "/v1/account-pins/guard", ADMIN, JSON,
            "{\"server\":\"r2.hoster.test\",\"reason\":\"x\"}", 409, "pin_not_claimed"),
        Arguments.of("account pin to unknown server", "PUT", "/v1/account-pins/guard", ADMIN, JSON,
            "{\"server\":\"nope.hoster.test\",\"reason\":\"x\"}", 404, "unknown_server"),
        Arguments.of("account pin bad username", "PUT", "/v1/account-pins/-guard", ADMIN, JSON,
            "{\"server\":\"r1.hoster.test\",\"reason\":\"x\"}", 400, "invalid_name"),
        Arguments.of("account pin long reason", "PUT", "/v1/account-pins/guard", ADMIN, JSON,
            "{\"server\":\"r1.hoster.test\",\"reason\":\"" + "x".repeat(501) + "\"}", 400, "invalid_request"),
        Arguments.of("account pin without body", "PUT", "/v1/account-pins/guard", ADMIN, JSON, "", 400,
            "invalid_json"),
        Arguments.of("server token account pin", "PUT", "/v1/account-pins/guard", "T1", JSON,
            "{\"server\":\"r1.hoster.test\",\"reason\":\"x\"}", 403, "forbidden"),
        Arguments.of("server token listing account conflicts", "GET", "/v1/account-conflicts", "T1", null, null, 403,
            "forbidden"),
        Arguments.of("account conflicts wrong method", "POST", "/v1/account-conflicts", ADMIN, JSON, "{}", 405,
            "method_not_allowed"),
        Arguments.of("server token listing pins", "GET", "/v1/pins", "T1", null, null, 403, "forbidden"),
        Arguments.of("pins wrong method", "POST", "/v1/pins", ADMIN, JSON, "{}", 405, "method_not_allowed"),
        Arguments.of("account unpin missing", "DELETE", "/v1/account-pins/guard", ADMIN, null, null, 404, "no_pin"),
        Arguments.of("account pin wrong method", "GET", "/v1/account-pins/guard", ADMIN, null, null, 405,
            "method_not_allowed"),
        Arguments.of("garbage login", "GET", "/v1/routes/a@b@c", ADMIN, null, null, 400, "invalid_login"),
        Arguments.of("unknown endpoint", "GET", "/v1/nothing", ADMIN, null, null, 404, "not_found"),
        Arguments.of("wrong method", "DELETE", S1 + "/snapshot", ADMIN, null, null, 405, "method_not_allowed"),
        Arguments.of("oversize pin body", "PUT", "/v1/pins/g1.example", ADMIN, JSON,
            "{\"server\":\"r1.hoster.test\",\"reason\":\"" + "x".repeat(9000) + "\"}", 413, "body_too_large"),
        Arguments.of("oversize account push", "PUT", S1 + "/accounts/guard", "T1", JSON,
            "{\"account\":{\"username\":\"guard\",\"primaryDomain\":\"" + "g".repeat(17_000) + "\"}}", 413,
            "body_too_large"),
        Arguments.of("server token rotating its own token", "POST", S1 + "/token", "T1", null, null, 403, "forbidden"),
        Arguments.of("server token revoking another's token", "DELETE", "/v1/servers/r2.hoster.test/token", "T1", null,
            null, 403, "forbidden"),
        Arguments.of("rotate unknown server", "POST", "/v1/servers/zz.hoster.test/token", ADMIN, null, null, 404,
            "unknown_server"),
        Arguments.of("rotate bad server name", "POST", "/v1/servers/bad_name/token", ADMIN, null, null, 400,
            "invalid_name"),
        Arguments.of("rotate with overlong reason", "POST", S1 + "/token?reason=" + "x".repeat(501), ADMIN, null, null,
            400, "invalid_request"),
        Arguments.of("token wrong method", "GET", S1 + "/token", ADMIN, null, null, 405, "method_not_allowed"),
        Arguments.of("server token reading the audit", "GET", "/v1/audit", "T1", null, null, 403, "forbidden"),
        Arguments.of("audit bad since", "GET", "/v1/audit?since=monday", ADMIN, null, null, 400, "invalid_request"),
        Arguments.of("audit bad limit", "GET", "/v1/audit?limit=-1", ADMIN, null, null, 400, "invalid_request"),
        Arguments.of("server token adding an operator", "POST", "/v1/operators", "T1", JSON, "{\"name\":\"x\"}", 403,
            "forbidden"),
        Arguments.of("operator with bad name", "POST", "/v1/operators", ADMIN, JSON, "{\"name\":\"Bad Name\"}", 400,
            "invalid_name"),
        Arguments.of("enrolment with unknown field", "POST", "/v1/servers", ADMIN, JSON,
            "{\"name\":\"x9.hoster.test\",\"address\":\"10.0.0.9\",\"state\":\"active\"}", 400, "unknown_field"),
        Arguments.of("operator with unknown field", "POST", "/v1/operators", ADMIN, JSON,
            "{\"name\":\"ok\",\"admin\":true}", 400, "unknown_field"),
        Arguments.of("revoke unknown operator", "DELETE", "/v1/operators/nobody", ADMIN, null, null, 404,
            "unknown_operator"),
        Arguments.of("no token on the audit", "GET", "/v1/audit", null, null, null, 401, "unauthorized"),
        Arguments.of("forced snapshot reason too long", "PUT", S1 + "/snapshot?force=true&reason=" + "y".repeat(501), ADMIN,
            JSON, OK_BODY, 400, "invalid_request"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void refusedRequest_getsExactStatus_andChangesNothing(String name, String method, String path, String token,
      String contentType, String body, int status, String error) throws Exception {
    String tok = "T1".equals(token) ? t1 : "T2".equals(token) ? t2 : token;
    String before = Fixtures.state(PG.db()) + Fixtures.count(PG.db(), "audit") + "|" + Fixtures.count(PG.db(), "operator");
    HttpApi.Reply r = http.send(method, path, tok, contentType, body);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.error()).as(r.body()).isEqualTo(error);
    assertThat(Fixtures.state(PG.db()) + Fixtures.count(PG.db(), "audit") + "|" + Fixtures.count(PG.db(), "operator"))
        .isEqualTo(before);
  }

  @Test
  void guard_allowsTwentyPercent_andAdminCanForceMore() throws Exception {
    String t3 = http.json("POST", "/v1/servers", ADMIN, enrol("r3.hoster.test", "10.2.0.3")).as(EnrolResult.class).token();
    String path = "/v1/servers/r3.hoster.test/snapshot";
    assertThat(http.json("PUT", path, t3, snapshot(guardAccount(10))).status()).isEqualTo(200);
    HttpApi.Reply twenty = http.json("PUT", path, t3, snapshot(guardAccount(8)));
    assertThat(twenty.status()).isEqualTo(200);
    assertThat(twenty.as(ChangeSummary.class).claimsRemoved()).isEqualTo(2);
    assertThat(http.json("PUT", path, t3, snapshot()).status()).isEqualTo(409);
    HttpApi.Reply forced = http.json("PUT", path + "?force=true", ADMIN, snapshot());
    assertThat(forced.status()).isEqualTo(200);
    assertThat(forced.as(ChangeSummary.class).claimsRemoved()).isEqualTo(8);
    assertThat(Fixtures.routes(PG.db())).doesNotContainKey("h0.example");
  }

  private static AccountEntry guardAccount(int n) {
    String[] d = new String[n];
    for (int i = 0; i < n; i++) {
      d[i] = "h" + i + ".example";
    }
    return account("hguard", false, d);
  }

  private static String domainsJson(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"name\":\"g").append(i).append(".example\",\"kind\":\"")
          .append(i == 0 ? "main" : "addon").append("\"}");
    }
    return b.toString();
  }
}
