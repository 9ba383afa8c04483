package io.cphub.agent.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.whm.WhmClient;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.PinRequest;
import io.cphub.registry.Registry;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import io.cphub.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The departures follower against the real registry (in-process, real PostgreSQL) and the
 * simulated source server's WHM, with a doveadm stand-in (a script that logs its arguments and
 * exits as told): WHM kicks of accounts that moved whole, doveadm when the account is gone or
 * only a domain moved, nothing for what stayed, the rate limit, the off switch, restarts.
 */
class DepartureFollowerTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final String ADMIN = "admin-token-for-session-tests-0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Registry registry;
  static String base;
  static RegistryClient a;
  static RegistryClient b;
  static int run;

  @TempDir Path tmp;
  Simulator sim;
  SimulatedServer source;
  Path doveadmLog;
  Path doveadm;
  final KickCounter counter = new KickCounter();
  final List<Duration> sleeps = new ArrayList<>();
  long fakeNanos;

  @BeforeAll
  static void startRegistry() throws Exception {
    Map<String, String> v = new java.util.HashMap<>();
    v.put("db.url", PG.db().url());
    v.put("db.user", PG.db().user());
    v.put("db.password", PG.db().password());
    v.put("db.pool-size", "4");
    v.put("http.port", "0");
    v.put("http.worker-threads", "4");
    v.put("admin.token", ADMIN);
    registry = Registry.start(ConfigLoader.of(v), Clock.systemUTC());
    if (registry == null) {
      throw new IllegalStateException("registry did not start");
    }
    base = "http://127.0.0.1:" + registry.port() + "/";
    a = client("a.hoster.test", enrol("a.hoster.test", "10.3.0.1"));
    b = client("b.hoster.test", enrol("b.hoster.test", "10.3.0.2"));
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void start() throws Exception {
    run++;
    sim = new Simulator(new StateFile(List.of(new ServerSpec("a.hoster.test", "root", "T1", List.of(
        account("dora"), account("stay"), account("ivy"))))), "127.0.0.1", 0, n -> HookSink.NONE, Clock.systemUTC());
    source = sim.server("a.hoster.test");
    doveadmLog = tmp.resolve("doveadm.log");
    doveadm = tmp.resolve("doveadm");
    Files.writeString(doveadm, "#!/bin/sh\necho \"$@\" >> '" + doveadmLog + "'\n"
        + "echo kicked connections from the following users:\nexit ${DOVEADM_EXIT:-0}\n");
    Files.setPosixFilePermissions(doveadm, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String u : List.of("dora", "stay", "ivy")) {
      push(a, entry(u, false));
    }
  }

  @org.junit.jupiter.api.AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void transfer_kicksTheWholeAccountThroughWhm_andNothingThatStayed() throws Exception {
    DepartureFollower f = follower(true, 100);
    assertThat(f.pollOnce()).isFalse();
    long start = f.cursor();
    push(b, entry("dora", true));
    f.pollOnce();
    assertThat(source.api().terminated()).containsExactly(u("dora"));
    assertThat(doveadmCalls()).isEmpty();
    assertThat(counter.kicks()).containsExactly(Map.entry("whm/ok", 1L));
    assertThat(counter.departures()).isEqualTo(3);
    assertThat(f.cursor()).isGreaterThan(start);
    f.pollOnce();
    assertThat(source.api().terminated()).as("one kick per move").hasSize(1);
  }

  @Test
  void accountGoneFromTheSource_fallsBackToDoveadmByUser_neverByAddress() throws Exception {
    DepartureFollower f = follower(true, 100);
    f.pollOnce();
    source.removeAccount(u("dora"));
    push(b, entry("dora", true));
    f.pollOnce();
    assertThat(source.api().terminated()).isEmpty();
    assertThat(doveadmCalls()).containsExactly("kick " + u("dora"), "kick *@" + d("dora"), "kick *+" + d("dora"),
        "kick *@" + d("dora", 2), "kick *+" + d("dora", 2));
    assertThat(counter.kicks("whm", "failed")).isEqualTo(1);
    assertThat(counter.kicks("doveadm", "kicked")).isEqualTo(5);
  }

  @Test
  void oneDomainPinnedAway_kicksOnlyThatDomain_withDoveadm() throws Exception {
    push(b, entry("ivy", false));
    DepartureFollower f = follower(true, 100);
    f.pollOnce();
    pin(d("ivy", 2), "b.hoster.test");
    f.pollOnce();
    assertThat(source.api().terminated()).isEmpty();
    assertThat(doveadmCalls()).containsExactly("kick *@" + d("ivy", 2), "kick *+" + d("ivy", 2));
  }

  @Test
  void rateLimit_spacesTheKicks() throws Exception {
    DepartureFollower f = follower(true, 2);
    f.pollOnce();
    source.removeAccount(u("dora"));
    push(b, entry("dora", true));
    f.pollOnce();
    assertThat(doveadmCalls()).hasSize(5);
    assertThat(sleeps).as("six calls (one WHM, five doveadm) at 2 per second").hasSize(5)
        .allSatisfy(s -> assertThat(s).isEqualTo(Duration.ofMillis(500)));
  }

  @Test
  void offSwitch_kicksNobody_butFollows() throws Exception {
    DepartureFollower f = follower(false, 100);
    f.pollOnce();
    long start = f.cursor();
    push(b, entry("dora", true));
    f.pollOnce();
    assertThat(source.api().terminated()).isEmpty();
    assertThat(doveadmCalls()).isEmpty();
    assertThat(counter.kicks()).containsExactly(Map.entry("off/skipped", 1L));
    assertThat(f.cursor()).isGreaterThan(start);
  }

  @Test
  void restart_doesNotKickAgain_butKicksWhatMovedWhileDown() throws Exception {
    DepartureFollower first = follower(true, 100);
    first.pollOnce();
    push(b, entry("dora", true));
    first.pollOnce();
    first.close();
    assertThat(source.api().terminated()).containsExactly(u("dora"));
    push(b, entry("stay", true));
    DepartureFollower second = follower(true, 100);
    second.pollOnce();
    assertThat(source.api().terminated()).containsExactly(u("dora"), u("stay"));
    assertThat(doveadmCalls()).isEmpty();
  }

  @Test
  void cursorOfAnotherFeedIdentity_startsAgainFromTheHead_withoutKicking() throws Exception {
    DepartureFollower first = follower(true, 100);
    first.pollOnce();
    String[] saved = Files.readString(tmp.resolve("cursor")).strip().split(" ");
    assertThat(saved).as("version and identity").hasSize(2);
    first.close();
    push(b, entry("dora", true));
    Files.writeString(tmp.resolve("cursor"), saved[0] + " another-history\n");
    DepartureFollower second = follower(true, 100);
    assertThat(second.pollOnce()).as("another history: asks again at once").isTrue();
    assertThat(source.api().terminated()).as("versions of another history mean nothing").isEmpty();
    second.pollOnce();
    assertThat(second.cursor()).isGreaterThan(Long.parseLong(saved[0]));
    assertThat(Files.readString(tmp.resolve("cursor")).strip()).isEqualTo(second.cursor() + " " + saved[1]);
    push(b, entry("stay", true));
    second.pollOnce();
    assertThat(source.api().terminated()).as("moves after the new start are kicked").containsExactly(u("stay"));
  }

  @Test
  void corruptOrRefusedCursor_startsAgainFromTheHead_withoutKicking() throws Exception {
    Files.writeString(tmp.resolve("cursor"), "not a number\n");
    DepartureFollower f = follower(true, 100);
    f.pollOnce();
    assertThat(Files.readString(tmp.resolve("cursor")).strip()).startsWith(f.cursor() + " ");
    Files.writeString(tmp.resolve("cursor"), (f.cursor() + 1000) + "\n");
    DepartureFollower ahead = follower(true, 100);
    assertThat(ahead.pollOnce()).as("refused: asks again at once").isTrue();
    ahead.pollOnce();
    assertThat(ahead.cursor()).isEqualTo(f.cursor());
    assertThat(source.api().terminated()).isEmpty();
  }

  // ------------------------------------------------------------------ fixtures

  DepartureFollower follower(boolean kick, double perSecond) {
    WhmClient whm = new WhmClient(HttpUrl.get("http://127.0.0.1:" + sim.port("a.hoster.test") + "/"), "root", "T1",
        Duration.ofSeconds(5), Duration.ofSeconds(5));
    KickPace pace = new KickPace(perSecond, () -> fakeNanos, d -> {
      sleeps.add(d);
      fakeNanos += d.toNanos();
    });
    return new DepartureFollower(a, new Kicker(whm, new DoveadmCommand(List.of(doveadm.toString())), pace, counter, kick),
        new CursorFile(tmp.resolve("cursor")), counter, Duration.ofMillis(100));
  }

  List<String> doveadmCalls() throws Exception {
    return Files.exists(doveadmLog) ? Files.readAllLines(doveadmLog) : List.of();
  }

  /** Names of this run, so the tests sharing one registry never meet. */
  static String u(String name) {
    return name + run;
  }

  static String d(String name) {
    return d(name, 1);
  }

  static String d(String name, int n) {
    return name + run + "-" + n + ".example";
  }

  static SimAccount account(String name) {
    return new SimAccount(u(name), d(name), "root", false, null, null, List.of(new SimDomain(d(name, 2), "addon")));
  }

  static AccountEntry entry(String name, boolean transferred) {
    AccountEntry e = new AccountEntry(u(name), d(name), "root", false, List.of(new DomainEntry(d(name), DomainKind.MAIN),
        new DomainEntry(d(name, 2), DomainKind.ADDON)));
    return transferred ? e.asTransferred() : e;
  }

  static void push(RegistryClient c, AccountEntry e) {
    c.putAccount(e.username(), new AccountPush(e, null));
  }

  static RegistryClient client(String server, String token) {
    return new RegistryClient(HttpUrl.get(base), server, token, Duration.ofSeconds(5));
  }

  static String enrol(String name, String address) throws Exception {
    HttpResponse<String> r = admin("POST", "/v1/servers", new EnrolRequest(name, address, null, null, null));
    return Json.mapper().readValue(r.body(), EnrolResult.class).token();
  }

  static void pin(String domain, String server) throws Exception {
    HttpResponse<String> r = admin("PUT", "/v1/pins/" + domain, new PinRequest(server, "test"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static HttpResponse<String> admin(String method, String path, Object body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base.substring(0, base.length() - 1) + path))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
