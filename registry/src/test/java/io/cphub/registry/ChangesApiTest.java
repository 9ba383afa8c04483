package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.ServerPatch;
import io.cphub.model.wire.ServerView;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the console reads besides the older endpoints: the newest change-feed rows
 * ({@code GET /v1/changes}) and each server's last accepted full snapshot in {@code GET /v1/servers}.
 */
class ChangesApiTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
  static Registry registry;
  static HttpApi http;
  static String t1;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), CLOCK);
    http = new HttpApi(registry.port());
    t1 = http.json("POST", "/v1/servers", ADMIN, enrol("c1.hoster.test", "10.7.0.1")).as(EnrolResult.class).token();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  static JsonNode changes(String query) throws Exception {
    HttpApi.Reply r = http.get("/v1/changes" + query, ADMIN);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  @Test
  void changes_areTheNewestFeedRows_newestFirst_withServerNames() throws Exception {
    http.json("PUT", "/v1/servers/c1.hoster.test/snapshot", t1, snapshot(account("feed", false, "feed.example")));
    http.send("DELETE", "/v1/servers/c1.hoster.test/accounts/feed", t1, null, null);
    http.json("PATCH", "/v1/servers/c1.hoster.test", ADMIN, new ServerPatch("draining", null, null, null, null));
    long head = Fixtures.feedVersion(PG.db());
    JsonNode all = changes("");
    assertThat(all.size()).isEqualTo((int) Math.min(head, 100));
    List<Long> versions = new java.util.ArrayList<>();
    all.forEach(c -> versions.add(c.path("version").asLong()));
    assertThat(versions).isSortedAccordingTo((a, b) -> Long.compare(b, a)).startsWith(head);
    JsonNode newest = all.get(0);
    assertThat(newest.path("kind").asText()).isEqualTo("server");
    assertThat(newest.path("server").asText()).isEqualTo("c1.hoster.test");
    JsonNode two = changes("?limit=3");
    assertThat(two.size()).isEqualTo(3);
    assertThat(two.get(1).path("kind").asText()).isIn("domain", "account");
    assertThat(two.get(1).path("server").isNull()).as("a removal has no server").isTrue();
    assertThat(two.get(0).path("committedAt").asText()).isNotEmpty();
    assertThat(all.findValuesAsText("key")).contains("feed.example", "feed");
  }

  @Test
  void changes_refuseBadLimitsAndMissingTokens() throws Exception {
    for (String bad : List.of("?limit=0", "?limit=1001", "?limit=-5", "?limit=1e3", "?limit=", "?limit=99999999999")) {
      HttpApi.Reply r = http.get("/v1/changes" + bad, ADMIN);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.error()).isEqualTo("invalid_request");
    }
    assertThat(http.get("/v1/changes?limit=1000", ADMIN).status()).isEqualTo(200);
    assertThat(http.get("/v1/changes", null).status()).isEqualTo(401);
    assertThat(http.get("/v1/changes", "wrong").status()).isEqualTo(401);
    assertThat(http.get("/v1/changes", t1).status()).isEqualTo(403);
    assertThat(http.send("DELETE", "/v1/changes", ADMIN, null, null).status()).isEqualTo(405);
  }

  @Test
  void servers_showTheLastAcceptedFullSnapshot_apartFromHookPushes() throws Exception {
    String t2 = http.json("POST", "/v1/servers", ADMIN, enrol("c2.hoster.test", "10.7.0.2")).as(EnrolResult.class).token();
    ServerView fresh = server("c2.hoster.test");
    assertThat(fresh.lastSnapshot()).isNull();
    assertThat(fresh.snapshotAgeSeconds()).isNull();
    Instant snapped = CLOCK.instant();
    http.json("PUT", "/v1/servers/c2.hoster.test/snapshot", t2, snapshot(account("snap", false, "snap.example")));
    CLOCK.advance(Duration.ofMinutes(10));
    http.json("PUT", "/v1/servers/c2.hoster.test/accounts/hook", t2,
        new AccountPush(account("hook", false, "hook.example"), null));
    CLOCK.advance(Duration.ofMinutes(5));
    ServerView s = server("c2.hoster.test");
    assertThat(s.lastSnapshot()).isEqualTo(snapped);
    assertThat(s.snapshotAgeSeconds()).isEqualTo(900);
    assertThat(s.syncAgeSeconds()).isEqualTo(300);
  }

  static ServerView server(String name) throws Exception {
    return Arrays.stream(http.get("/v1/servers", ADMIN).as(ServerView[].class)).filter(v -> v.name().equals(name))
        .findFirst().orElseThrow();
  }
}
