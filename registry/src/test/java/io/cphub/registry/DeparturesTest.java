package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.DecideRequest;
import io.cphub.model.wire.Departure;
import io.cphub.model.wire.Departures;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.PinRequest;
import io.cphub.model.wire.ServerPatch;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /v1/servers/{s}/departures}: exactly the routes that left a server (transfer, decided
 * contest, pin, retirement), nothing that stayed or was only removed, and the refusals.
 */
class DeparturesTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  static Registry registry;
  static HttpApi http;
  static String ta;
  static String tb;
  static String tc;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), CLOCK);
    http = new HttpApi(registry.port());
    ta = http.json("POST", "/v1/servers", ADMIN, enrol("a.hoster.test", "10.2.0.1")).as(EnrolResult.class).token();
    tb = http.json("POST", "/v1/servers", ADMIN, enrol("b.hoster.test", "10.2.0.2")).as(EnrolResult.class).token();
    tc = http.json("POST", "/v1/servers", ADMIN, enrol("c.hoster.test", "10.2.0.3")).as(EnrolResult.class).token();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void transfer_departsEveryDomainAndTheUsername_fromTheSourceOnly() throws Exception {
    push("a.hoster.test", ta, account("stay", false, "stay.example"));
    push("a.hoster.test", ta, account("dora", false, "dora.example", "dora2.example"));
    long a = head("a.hoster.test", ta);
    long b = head("b.hoster.test", tb);
    CLOCK.advance(Duration.ofMinutes(1));
    push("b.hoster.test", tb, account("dora", false, "dora.example", "dora2.example").asTransferred());
    push("a.hoster.test", ta, account("stay", false, "stay.example"));

    Departures d = departures("a.hoster.test", ta, a);
    assertThat(d.departures()).extracting(DeparturesTest::line).containsExactlyInAnyOrder(
        "domain dora.example dora -> b.hoster.test", "domain dora2.example dora -> b.hoster.test",
        "account dora dora -> b.hoster.test whole=true");
    assertThat(d.more()).isFalse();
    assertThat(departures("b.hoster.test", tb, b).departures()).as("arrivals are not departures").isEmpty();
    assertThat(departures("a.hoster.test", ta, d.version()).departures()).as("a cursor at the answer").isEmpty();

    long again = d.version();
    http.send("DELETE", "/v1/servers/a.hoster.test/accounts/dora", ta, null, null);
    assertThat(departures("a.hoster.test", ta, again).departures()).as("the source removing its copy").isEmpty();
  }

  @Test
  void everyAnswer_namesTheDatabasesFeedIdentity() throws Exception {
    String identity;
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT cphub_feed_identity()")) {
      rs.next();
      identity = rs.getString(1);
    }
    HttpApi.Reply r = http.get("/v1/servers/a.hoster.test/departures", ta);
    assertThat(r.as(Departures.class).feedIdentity()).as("at the head").isNotBlank().isEqualTo(identity);
    long at = r.as(Departures.class).version();
    assertThat(departures("a.hoster.test", ta, at).feedIdentity()).as("after a cursor").isEqualTo(identity);
  }

  @Test
  void partialMove_ofOneDomain_saysTheAccountDidNotMoveWhole() throws Exception {
    push("a.hoster.test", ta, account("ivy", false, "ivy.example", "ivy2.example"));
    long a = head("a.hoster.test", ta);
    pin("ivy2.example", "c.hoster.test", 409);
    CLOCK.advance(Duration.ofMinutes(1));
    push("c.hoster.test", tc, account("ivy", false, "ivy2.example"));
    pin("ivy2.example", "c.hoster.test", 200);
    http.json("PUT", "/v1/account-pins/ivy", ADMIN, new PinRequest("c.hoster.test", "split"));
    assertThat(departures("a.hoster.test", ta, a).departures()).extracting(DeparturesTest::line).containsExactly(
        "domain ivy2.example ivy -> c.hoster.test", "account ivy ivy -> c.hoster.test whole=false");
  }

  @Test
  void decidedContest_departsTheLosingServer() throws Exception {
    push("a.hoster.test", ta, account("erik", false, "erik.example"));
    CLOCK.advance(Duration.ofMinutes(1));
    push("b.hoster.test", tb, account("erik", false, "erik.example"));
    long a = head("a.hoster.test", ta);
    assertThat(departures("a.hoster.test", ta, a - 1).departures()).as("a contest moves nothing").isEmpty();
    HttpApi.Reply r = http.json("POST", "/v1/contests/erik.example/decide", ADMIN,
        new DecideRequest("b.hoster.test", "customer moved"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(departures("a.hoster.test", ta, a).departures()).extracting(DeparturesTest::line)
        .containsExactly("domain erik.example erik -> b.hoster.test");
  }

  @Test
  void pin_departsTheServer_andUnpinningDepartsItsTarget() throws Exception {
    push("a.hoster.test", ta, account("fay", false, "fay.example"));
    CLOCK.advance(Duration.ofMinutes(1));
    push("b.hoster.test", tb, account("fay", false, "fay.example"));
    long a = head("a.hoster.test", ta);
    long b = head("b.hoster.test", tb);
    pin("fay.example", "b.hoster.test", 200);
    assertThat(departures("a.hoster.test", ta, a).departures()).extracting(DeparturesTest::line)
        .containsExactly("domain fay.example fay -> b.hoster.test");
    assertThat(http.send("DELETE", "/v1/pins/fay.example?reason=done", ADMIN, null, null).status()).isEqualTo(200);
    assertThat(departures("b.hoster.test", tb, b).departures()).extracting(DeparturesTest::line)
        .containsExactly("domain fay.example fay -> a.hoster.test");
  }

  @Test
  void retirement_departsWhatMovesElsewhere_notWhatHasNowhereToGo() throws Exception {
    String tr = http.json("POST", "/v1/servers", ADMIN, enrol("r.hoster.test", "10.2.0.9")).as(EnrolResult.class)
        .token();
    push("r.hoster.test", tr, account("gus", false, "gus.example"));
    push("r.hoster.test", tr, account("hal", false, "hal.example"));
    CLOCK.advance(Duration.ofMinutes(1));
    push("a.hoster.test", ta, account("gus", false, "gus.example"));
    long r = head("r.hoster.test", tr);
    HttpApi.Reply p = http.json("PATCH", "/v1/servers/r.hoster.test?reason=retire", ADMIN,
        new ServerPatch("retired", null, null, null, null));
    assertThat(p.status()).as(p.body()).isEqualTo(200);
    assertThat(departures("r.hoster.test", ADMIN, r).departures()).extracting(DeparturesTest::line)
        .containsExactlyInAnyOrder("domain gus.example gus -> a.hoster.test", "account gus gus -> a.hoster.test whole=true");
  }

  @Test
  void hostile_otherServersToken_noToken_badCursors_areRefused() throws Exception {
    long a = head("a.hoster.test", ta);
    assertThat(http.get("/v1/servers/a.hoster.test/departures?after=0", tb).status()).isEqualTo(403);
    assertThat(http.get("/v1/servers/a.hoster.test/departures?after=0", null).status()).isEqualTo(401);
    assertThat(http.get("/v1/servers/..bad../departures?after=0", tb).status()).isEqualTo(403);
    assertThat(http.get("/v1/servers/nope.hoster.test/departures?after=0", ADMIN).status()).isEqualTo(404);
    assertThat(http.send("POST", "/v1/servers/a.hoster.test/departures", ta, null, null).status()).isEqualTo(405);
    for (String bad : List.of("x", "-1", "1.5", "99999999999999999999")) {
      HttpApi.Reply r = http.get("/v1/servers/a.hoster.test/departures?after=" + bad, ta);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.error()).isEqualTo("invalid_cursor");
    }
    HttpApi.Reply ahead = http.get("/v1/servers/a.hoster.test/departures?after=" + (a + 5), ta);
    assertThat(ahead.status()).isEqualTo(409);
    assertThat(ahead.error()).isEqualTo("cursor_ahead");

    push("a.hoster.test", ta, account("jon", false, "jon.example"));
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM change_log WHERE version <= " + (a + 1));
    }
    HttpApi.Reply expired = http.get("/v1/servers/a.hoster.test/departures?after=" + a, ta);
    assertThat(expired.status()).isEqualTo(409);
    assertThat(expired.error()).isEqualTo("cursor_expired");
    assertThat(departures("a.hoster.test", ta, a + 1).departures()).as("from the oldest kept row on").isEmpty();
  }

  private static String line(Departure d) {
    return d.kind() + " " + d.key() + " " + d.account() + " -> " + d.to() + (d.whole() == null ? "" : " whole=" + d.whole());
  }

  private static long head(String server, String token) throws Exception {
    HttpApi.Reply r = http.get("/v1/servers/" + server + "/departures", token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Departures d = r.as(Departures.class);
    assertThat(d.departures()).isEmpty();
    return d.version();
  }

  private static Departures departures(String server, String token, long after) throws Exception {
    HttpApi.Reply r = http.get("/v1/servers/" + server + "/departures?after=" + after, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.as(Departures.class);
  }

  private static void pin(String domain, String server, int status) throws Exception {
    HttpApi.Reply r = http.json("PUT", "/v1/pins/" + domain, ADMIN, new PinRequest(server, "test"));
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }

  private static void push(String server, String token, io.cphub.model.wire.AccountEntry e) throws Exception {
    HttpApi.Reply r = http.json("PUT", "/v1/servers/" + server + "/accounts/" + e.username(), token,
        new AccountPush(e, null));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }
}
