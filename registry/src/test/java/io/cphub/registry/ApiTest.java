package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountConflict;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.PinRequest;
import io.cphub.model.wire.PinView;
import io.cphub.model.wire.RouteView;
import io.cphub.model.wire.ServerView;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP API over a real socket: enrolment, auth, winner rule, idempotence, lookups, metrics. */
class ApiTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  static Registry registry;
  static HttpApi http;
  static String t1;
  static String t2;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), CLOCK);
    http = new HttpApi(registry.port());
    t1 = http.json("POST", "/v1/servers", ADMIN, enrol("api1.hoster.test", "10.1.0.1")).as(EnrolResult.class).token();
    t2 = http.json("POST", "/v1/servers", ADMIN, enrol("api2.hoster.test", "fd00::2")).as(EnrolResult.class).token();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void enrol_returnsTokenOnce_andStoresOnlyItsHash() throws Exception {
    HttpApi.Reply r = http.json("POST", "/v1/servers", ADMIN, enrol("api9.hoster.test", "10.1.0.9"));
    assertThat(r.status()).isEqualTo(201);
    EnrolResult e = r.as(EnrolResult.class);
    assertThat(e.token()).startsWith("cphub_").hasSizeGreaterThan(40);
    assertThat(e.server().address()).isEqualTo("10.1.0.9");
    try (var c = PG.db().connect(); var st = c.createStatement();
        var rs = st.executeQuery("SELECT encode(token_hash, 'hex') FROM server WHERE name = 'api9.hoster.test'")) {
      rs.next();
      assertThat(rs.getString(1)).hasSize(64).doesNotContain(e.token());
    }
    assertThat(http.json("POST", "/v1/servers", ADMIN, enrol("api9.hoster.test", "10.1.0.9")).status()).isEqualTo(409);
  }

  @Test
  void snapshot_isIdempotent_andUnchangedResendWritesNothing() throws Exception {
    String t4 = http.json("POST", "/v1/servers", ADMIN, enrol("api4.hoster.test", "10.1.0.4")).as(EnrolResult.class).token();
    var snap = snapshot(account("idem", false, "idem.example", "www.idem.example"));
    HttpApi.Reply first = http.json("PUT", "/v1/servers/api4.hoster.test/snapshot", t4, snap);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.as(ChangeSummary.class).routesChanged()).isEqualTo(3);
    long version = Fixtures.feedVersion(PG.db());
    long logRows = Fixtures.count(PG.db(), "change_log");
    String routesBefore = Fixtures.routes(PG.db()).toString();
    try (FeedListener listener = new FeedListener(PG.db())) {
      CLOCK.advance(Duration.ofSeconds(90));
      HttpApi.Reply again = http.json("PUT", "/v1/servers/api4.hoster.test/snapshot", t4, snap);
      assertThat(again.status()).isEqualTo(200);
      ChangeSummary s = again.as(ChangeSummary.class);
      assertThat(s.withFeedIdentity(null)).isEqualTo(new ChangeSummary(0, 0, 0, 0, 0, version));
      assertThat(s.feedIdentity()).matches("\\d+-\\d+-\\d+-[0-9a-f-]{36}");
      assertThat(listener.poll(300)).isEmpty();
    }
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(version);
    assertThat(Fixtures.count(PG.db(), "change_log")).isEqualTo(logRows);
    assertThat(Fixtures.routes(PG.db()).toString()).isEqualTo(routesBefore);
    CLOCK.advance(Duration.ofSeconds(30));
    ServerView[] servers = http.get("/v1/servers", ADMIN).as(ServerView[].class);
    ServerView api4 = java.util.Arrays.stream(servers).filter(v -> v.name().equals("api4.hoster.test")).findFirst().orElseThrow();
    assertThat(api4.syncAgeSeconds()).isEqualTo(30);
    assertThat(api4.agent().version()).isEqualTo("1.0");
  }

  @Test
  void winnerRule_conflicts_andPins_overHttp() throws Exception {
    http.json("PUT", "/v1/servers/api1.hoster.test/accounts/moved", t1,
        new AccountPush(account("moved", false, "moved.example"), null));
    CLOCK.advance(Duration.ofMinutes(1));
    HttpApi.Reply put = http.json("PUT", "/v1/servers/api2.hoster.test/accounts/moved", t2,
        new AccountPush(account("moved", false, "moved.example").asTransferred(), null));
    assertThat(put.status()).isEqualTo(200);
    RouteView route = http.get("/v1/routes/someone@moved.example", ADMIN).as(RouteView.class);
    assertThat(route.server()).isEqualTo("api2.hoster.test");
    assertThat(route.address()).isEqualTo("fd00::2");
    String conflicts = http.get("/v1/conflicts", ADMIN).body();
    assertThat(conflicts).contains("moved.example").contains("the standing claim");
    HttpApi.Reply pin = http.json("PUT", "/v1/pins/moved.example", ADMIN, new PinRequest("api1.hoster.test", "rollback"));
    assertThat(pin.status()).isEqualTo(200);
    assertThat(pin.as(ChangeSummary.class).routesChanged()).isEqualTo(1);
    assertThat(http.get("/v1/routes/moved.example", ADMIN).as(RouteView.class).server()).isEqualTo("api1.hoster.test");
    assertThat(http.send("DELETE", "/v1/pins/moved.example", ADMIN, null, null).status()).isEqualTo(200);
    assertThat(http.get("/v1/routes/moved", ADMIN).as(RouteView.class).server()).isEqualTo("api2.hoster.test");
    HttpApi.Reply del = http.send("DELETE", "/v1/servers/api2.hoster.test/accounts/moved", t2, null, null);
    assertThat(del.as(ChangeSummary.class).accountsRemoved()).isEqualTo(1);
    assertThat(http.get("/v1/routes/x@moved.example", ADMIN).as(RouteView.class).server()).isEqualTo("api1.hoster.test");
    assertThat(http.get("/v1/routes/x@nowhere.example", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void accountPin_choosesTheServerOfBareUsernameLogins_andStopsMatteringWhenTheAccountLeaves() throws Exception {
    http.json("PUT", "/v1/servers/api1.hoster.test/accounts/mover", t1,
        new AccountPush(account("mover", false, "mover.example"), null));
    CLOCK.advance(Duration.ofMinutes(1));
    http.json("PUT", "/v1/servers/api2.hoster.test/accounts/mover", t2,
        new AccountPush(account("mover", false, "mover.example").asTransferred(), null));
    assertThat(http.get("/v1/routes/mover", ADMIN).as(RouteView.class).server()).isEqualTo("api2.hoster.test");
    AccountConflict listed = accountConflict("mover");
    assertThat(listed.winner()).isEqualTo("api2.hoster.test");
    assertThat(listed.reason()).startsWith("the standing account");
    assertThat(listed.accounts()).extracting(AccountConflict.Holder::server)
        .containsExactly("api2.hoster.test", "api1.hoster.test");
    assertThat(listed.accounts().get(0).primaryDomain()).isEqualTo("mover.example");
    long before = Fixtures.feedVersion(PG.db());

    HttpApi.Reply pin = http.json("PUT", "/v1/account-pins/Mover", ADMIN, new PinRequest("api1.hoster.test", "rollback"));
    assertThat(pin.status()).as(pin.body()).isEqualTo(200);
    assertThat(pin.as(ChangeSummary.class).routesChanged()).isEqualTo(1);
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("mover", "api1.hoster.test");
    assertThat(http.get("/v1/routes/mover", ADMIN).as(RouteView.class).server()).isEqualTo("api1.hoster.test");
    assertThat(http.get("/v1/routes/x@mover.example", ADMIN).as(RouteView.class).server())
        .as("an account pin leaves the domain routes alone").isEqualTo("api2.hoster.test");
    try (var c = PG.db().connect(); var st = c.createStatement(); var rs = st.executeQuery(
        "SELECT l.kind, l.key, s.name FROM change_log l JOIN server s ON s.id = l.server_id WHERE l.version > " + before)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).isEqualTo("account mover api1.hoster.test");
      assertThat(rs.next()).isFalse();
    }
    assertThat(pin("account", "mover")).isEqualTo(new PinView("account", "mover", "api1.hoster.test", "rollback",
        CLOCK.instant(), true));
    assertThat(accountConflict("mover").winner()).isEqualTo("api1.hoster.test");
    assertThat(accountConflict("mover").reason()).isEqualTo("pinned by an operator");
    HttpApi.Reply again = http.json("PUT", "/v1/account-pins/mover", ADMIN, new PinRequest("api1.hoster.test", "still"));
    assertThat(again.as(ChangeSummary.class).routesChanged()).isZero();

    assertThat(http.send("DELETE", "/v1/account-pins/mover", ADMIN, null, null).status()).isEqualTo(200);
    assertThat(http.get("/v1/routes/mover", ADMIN).as(RouteView.class).server()).isEqualTo("api2.hoster.test");

    http.json("PUT", "/v1/account-pins/mover", ADMIN, new PinRequest("api1.hoster.test", "rollback"));
    assertThat(http.send("DELETE", "/v1/servers/api1.hoster.test/accounts/mover", t1, null, null).status())
        .isEqualTo(200);
    assertThat(http.get("/v1/routes/mover", ADMIN).as(RouteView.class).server()).isEqualTo("api2.hoster.test");
    assertThat(pin("account", "mover").active()).as("the pinned server no longer has the account").isFalse();
    assertThat(http.send("DELETE", "/v1/account-pins/mover", ADMIN, null, null).status()).isEqualTo(200);
    assertThat(http.get("/v1/account-conflicts", ADMIN).as(AccountConflict[].class))
        .extracting(AccountConflict::username).doesNotContain("mover");
  }

  private static PinView pin(String kind, String name) throws Exception {
    HttpApi.Reply r = http.get("/v1/pins", ADMIN);
    assertThat(r.status()).isEqualTo(200);
    return java.util.Arrays.stream(r.as(PinView[].class)).filter(p -> p.kind().equals(kind) && p.name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not listed in " + r.body()));
  }

  private static AccountConflict accountConflict(String username) throws Exception {
    HttpApi.Reply r = http.get("/v1/account-conflicts", ADMIN);
    assertThat(r.status()).isEqualTo(200);
    return java.util.Arrays.stream(r.as(AccountConflict[].class)).filter(c -> c.username().equals(username))
        .findFirst().orElseThrow(() -> new AssertionError(username + " not listed in " + r.body()));
  }

  @Test
  void patch_changesAddressAndState() throws Exception {
    http.json("POST", "/v1/servers", ADMIN, enrol("api3.hoster.test", "10.1.0.3"));
    HttpApi.Reply r = http.send("PATCH", "/v1/servers/api3.hoster.test", ADMIN, "application/json",
        "{\"state\":\"draining\",\"address\":\"10.1.0.33\",\"imapPort\":1143}");
    assertThat(r.status()).isEqualTo(200);
    ServerView v = r.as(ServerView.class);
    assertThat(v.state()).isEqualTo("draining");
    assertThat(v.address()).isEqualTo("10.1.0.33");
    assertThat(v.imapPort()).isEqualTo(1143);
    assertThat(http.send("PATCH", "/v1/servers/nope.hoster.test", ADMIN, "application/json", "{\"state\":\"active\"}")
        .status()).isEqualTo(404);
  }

  @Test
  void healthz_andMetrics() throws Exception {
    HttpApi.Reply h = http.get("/healthz", null);
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.body()).contains("\"status\":\"ok\"");
    http.get("/v1/servers", null);
    HttpApi.Reply m = http.get("/metrics", null);
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.body()).contains("cphub_registry_http_requests_total{endpoint=\"servers\",status=\"401\"}")
        .contains("cphub_registry_feed_version").contains("cphub_registry_routes");
  }
}
