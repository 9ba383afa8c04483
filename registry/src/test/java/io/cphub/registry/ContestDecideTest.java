package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.log;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Contest;
import io.cphub.model.wire.DecideRequest;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.PinRequest;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operator decisions over HTTP: listing, deciding domains and usernames, refusals, the gauges. */
class ContestDecideTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  static Registry registry;
  static HttpApi http;
  static String ta;
  static String tb;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), CLOCK);
    http = new HttpApi(registry.port());
    ta = http.json("POST", "/v1/servers", ADMIN, enrol("a.hoster.test", "10.1.0.1")).as(EnrolResult.class).token();
    tb = http.json("POST", "/v1/servers", ADMIN, enrol("b.hoster.test", "10.1.0.2")).as(EnrolResult.class).token();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void decide_makesTheChosenClaimStanding_withOneLogRowAndNoPin_andRefusesWhatTheRuleWouldOverturn() throws Exception {
    push("a.hoster.test", ta, account("dora", false, "dora.example"));
    CLOCK.advance(Duration.ofHours(2));
    push("b.hoster.test", tb, account("dora", false, "dora.example"));
    Contest[] open = http.get("/v1/contests", ADMIN).as(Contest[].class);
    assertThat(open).extracting(c -> c.kind() + " " + c.name()).contains("domain dora.example", "account dora");
    assertThat(scrape()).contains("cphub_registry_contests 2.0").contains("cphub_registry_contest_oldest_age_seconds 0.0");
    CLOCK.advance(Duration.ofHours(1));
    assertThat(scrape()).contains("cphub_registry_contest_oldest_age_seconds 3600.0");

    String state = Fixtures.state(PG.db());
    assertThat(decide("/v1/contests/dora.example/decide", "b.hoster.test", " ").error()).isEqualTo("invalid_request");
    assertThat(decide("/v1/contests/dora.example/decide", "nope.hoster.test", "r").status()).isEqualTo(404);
    assertThat(decide("/v1/contests/other.example/decide", "b.hoster.test", "r").error()).isEqualTo("not_claimed");
    assertThat(decide("/v1/contests/dora.example/decide", "b.hoster.test", "r", tb).status()).isEqualTo(403);
    assertThat(http.get("/v1/contests", tb).status()).isEqualTo(403);
    assertThat(Fixtures.state(PG.db())).as("refusals change nothing").isEqualTo(state);

    HttpApi.Reply decided = decide("/v1/contests/Dora.Example./decide", "b.hoster.test", "customer moved, ticket 42");
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    assertThat(decided.as(ChangeSummary.class).routesChanged()).isEqualTo(1);
    assertThat(Fixtures.routes(PG.db())).containsEntry("dora.example", "b.hoster.test");
    assertThat(log(PG.db(), "dora.example")).containsExactly("domain dora.example a.hoster.test",
        "domain dora.example b.hoster.test");
    assertThat(Fixtures.count(PG.db(), "pin")).isZero();
    assertThat(http.get("/v1/contests", ADMIN).as(Contest[].class)).extracting(Contest::name).containsExactly("dora");
    assertThat(decide("/v1/contests/dora.example/decide", "b.hoster.test", "again").as(ChangeSummary.class)
        .routesChanged()).as("deciding for the standing claim changes nothing").isZero();

    assertThat(decide("/v1/account-contests/dora/decide", "b.hoster.test", "same customer").as(ChangeSummary.class)
        .routesChanged()).isEqualTo(1);
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("dora", "b.hoster.test");
    assertThat(http.get("/v1/contests", ADMIN).as(Contest[].class)).isEmpty();
    assertThat(scrape()).contains("cphub_registry_contests 0.0");

    push("a.hoster.test", ta, account("dora", true, "dora.example"));
    push("b.hoster.test", tb, account("dora", false, "dora.example"));
    assertThat(decide("/v1/contests/dora.example/decide", "a.hoster.test", "back").error())
        .isEqualTo("decision_overturned");
    push("a.hoster.test", ta, account("dora", false, "dora.example"));
    http.json("PUT", "/v1/pins/dora.example", ADMIN, new PinRequest("b.hoster.test", "hold"));
    assertThat(decide("/v1/contests/dora.example/decide", "a.hoster.test", "back").error()).isEqualTo("pinned");
    assertThat(Fixtures.routes(PG.db())).containsEntry("dora.example", "b.hoster.test");
  }

  @Test
  void decisionAgainstATransfer_holds_theTransferEvidenceDoesNotRetakeTheRoute() throws Exception {
    push("a.hoster.test", ta, account("erik", false, "erik.example"));
    CLOCK.advance(Duration.ofMinutes(5));
    push("b.hoster.test", tb, account("erik", false, "erik.example").asTransferred());
    assertThat(Fixtures.routes(PG.db())).containsEntry("erik.example", "b.hoster.test");
    assertThat(decide("/v1/contests/erik.example/decide", "a.hoster.test", "transfer aborted").as(ChangeSummary.class)
        .routesChanged()).isEqualTo(1);
    CLOCK.advance(Duration.ofMinutes(5));
    push("b.hoster.test", tb, account("erik", false, "erik.example", "erik2.example").asTransferred());
    assertThat(Fixtures.routes(PG.db())).containsEntry("erik.example", "a.hoster.test")
        .containsEntry("erik2.example", "b.hoster.test");
    assertThat(log(PG.db(), "erik.example")).hasSize(3);
  }

  private static void push(String server, String token, io.cphub.model.wire.AccountEntry e) throws Exception {
    HttpApi.Reply r = http.json("PUT", "/v1/servers/" + server + "/accounts/" + e.username(), token,
        new AccountPush(e, null));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static HttpApi.Reply decide(String path, String server, String reason) throws Exception {
    return decide(path, server, reason, ADMIN);
  }

  private static HttpApi.Reply decide(String path, String server, String reason, String token) throws Exception {
    return http.json("POST", path, token, new DecideRequest(server, reason));
  }

  private static String scrape() throws Exception {
    return http.get("/metrics", null).body();
  }
}
