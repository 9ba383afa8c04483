package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmClient;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.Snapshot;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.HookEvents;
import io.cphub.simulator.hook.SpoolHookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.whm.Fault;
import io.cphub.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync loop against the simulator (WHM) and a recorded registry, stepped with a fake clock. */
class SyncLoopTest {
  static final String SERVER = "s1.hoster.test";
  static final Duration DEBOUNCE = Duration.ofMillis(200);
  @TempDir Path dir;
  final MockWebServer registryHttp = new MockWebServer();
  final FakeRegistry registry = new FakeRegistry();
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  Simulator sim;
  SimulatedServer whm;
  Spool spool;

  @BeforeEach
  void start() throws Exception {
    registryHttp.setDispatcher(registry);
    registryHttp.start();
    SimAccount alice = new SimAccount("alice", "alice.example", "root", false, null, null,
        List.of(new SimDomain("shop.example", "addon"), new SimDomain("*.alice.example", "sub")));
    sim = new Simulator(new StateFile(List.of(new ServerSpec(SERVER, "root", "WT", List.of(alice,
        SimAccount.of("bob", "bob.example"))))), "127.0.0.1", 0, n -> new SpoolHookSink(dir.resolve("spool")), clock);
    whm = sim.server(SERVER);
    spool = new Spool(dir.resolve("spool"));
    spool.init();
  }

  @AfterEach
  void stop() {
    sim.close();
    registryHttp.close();
  }

  SyncLoop loop() {
    WhmClient client = new WhmClient(HttpUrl.get("http://127.0.0.1:" + sim.port(SERVER) + "/"), "root", "WT",
        Duration.ofSeconds(2), Duration.ofMillis(1500));
    RegistryClient reg = new RegistryClient(registryHttp.url("/"), SERVER, "RT", Duration.ofSeconds(2));
    SyncSettings settings = new SyncSettings(SERVER, Duration.ofMinutes(30), DEBOUNCE, Duration.ofMillis(50),
        Duration.ofSeconds(1), Duration.ofSeconds(30), "test");
    return new SyncLoop(settings, client, reg, spool, new StatusFile(dir.resolve("status.json")), clock, new Random(1));
  }

  /** Steps once, lets the debounce pass, steps again. */
  void settle(SyncLoop loop) {
    loop.step();
    clock.advance(DEBOUNCE);
    loop.step();
  }

  @Test
  void startup_pushesAFullSnapshot_withoutBackingSubsOrWildcards() throws Exception {
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.lines()).containsExactly("PUT /v1/servers/s1.hoster.test/snapshot");
    Snapshot s = Json.mapper().readValue(registry.calls.get(0).body(), Snapshot.class);
    assertThat(s.accounts()).hasSize(2);
    assertThat(s.accounts().get(0).domains()).extracting(d -> d.name()).containsExactly("alice.example", "shop.example");
    assertThat(s.agent().version()).isEqualTo("test");
    assertThat(s.agent().lastWhmRead()).isEqualTo(clock.instant());
    loop.step();
    assertThat(registry.calls).hasSize(1);
    assertThat(loop.status().lastFullSync()).isNotNull();
  }

  @Test
  void acceptedFullSync_removesHookFilesAbandonedInTmp() throws Exception {
    Path tmp = spool.dir().resolve("tmp");
    Files.createDirectories(tmp);
    Path abandoned = Files.writeString(tmp.resolve("1.1.json"), "{\"context\":");
    Path writing = Files.writeString(tmp.resolve("2.2.json"), "{");
    Files.setLastModifiedTime(abandoned, FileTime.from(
        clock.instant().minus(SyncLoop.ABANDONED_AFTER).minusSeconds(1)));
    Files.setLastModifiedTime(writing, FileTime.from(clock.instant()));
    loop().step();
    assertThat(registry.lines()).containsExactly("PUT /v1/servers/s1.hoster.test/snapshot");
    assertThat(abandoned).doesNotExist();
    assertThat(writing).exists();
  }

  @Test
  void hookEvents_areDebounced_reReadFromWhm_andDeletedAfterAcceptance() throws Exception {
    SyncLoop loop = loop();
    loop.step();
    whm.addDomain("alice", new SimDomain("alias.example", "parked"));
    whm.suspend("alice", "billing", 1);
    loop.step();
    assertThat(registry.calls).hasSize(1);
    assertThat(spool.depth()).isEqualTo(2);
    clock.advance(DEBOUNCE);
    loop.step();
    assertThat(registry.lines()).last().isEqualTo("PUT /v1/servers/s1.hoster.test/accounts/alice");
    AccountPush p = Json.mapper().readValue(registry.calls.get(1).body(), AccountPush.class);
    assertThat(p.account().suspended()).isTrue();
    assertThat(p.account().domains()).extracting(d -> d.name()).contains("alias.example");
    assertThat(p.agent().spoolDepth()).isEqualTo(2);
    assertThat(spool.depth()).isZero();
    assertThat(registry.calls).hasSize(2);
  }

  @Test
  void pkgacctRestoreHookEvent_makesTheAccountPushCarryTheTransferFlag_otherEventsDoNot() throws Exception {
    SyncLoop loop = loop();
    loop.step();
    SpoolHookSink hooks = new SpoolHookSink(dir.resolve("spool"));
    hooks.deliver(HookEvents.pkgacctRestore("bob"));
    whm.createAccount(SimAccount.of("carol", "carol.example"), false);
    settle(loop);
    assertThat(registry.lines()).contains("PUT /v1/servers/s1.hoster.test/accounts/bob",
        "PUT /v1/servers/s1.hoster.test/accounts/carol");
    assertThat(push("bob").account().arrivedByTransfer()).isTrue();
    assertThat(body("bob")).contains("\"transferred\":true");
    assertThat(push("carol").account().arrivedByTransfer()).isFalse();
    assertThat(body("carol")).doesNotContain("transferred");
    whm.createAccount(SimAccount.of("dina", "dina.example"), true);
    settle(loop);
    assertThat(push("dina").account().arrivedByTransfer()).as("a restoring Accounts::Create").isTrue();
  }

  @Test
  void restoreEventWaitingDuringAFullSnapshot_marksThatAccountInTheSnapshot() throws Exception {
    new SpoolHookSink(dir.resolve("spool")).deliver(HookEvents.pkgacctRestore("bob"));
    loop().step();
    Snapshot s = Json.mapper().readValue(registry.calls.get(0).body(), Snapshot.class);
    assertThat(s.accounts()).filteredOn(a -> a.arrivedByTransfer()).extracting(a -> a.username()).containsExactly("bob");
  }

  private String body(String user) {
    return registry.calls.stream().filter(c -> c.path().endsWith("/accounts/" + user)).reduce((x, y) -> y)
        .orElseThrow().body();
  }

  private AccountPush push(String user) throws Exception {
    return Json.mapper().readValue(body(user), AccountPush.class);
  }

  @Test
  void removedAndRenamedAccounts_pushTheNewBeforeDeletingTheOld() {
    SyncLoop loop = loop();
    loop.step();
    whm.rename("alice", "alice2");
    whm.removeAccount("bob");
    settle(loop);
    assertThat(registry.lines()).containsExactly("PUT /v1/servers/s1.hoster.test/snapshot",
        "PUT /v1/servers/s1.hoster.test/accounts/alice2",
        "DELETE /v1/servers/s1.hoster.test/accounts/alice",
        "DELETE /v1/servers/s1.hoster.test/accounts/bob");
    assertThat(spool.depth()).isZero();
  }

  @Test
  void whmFailures_neverBecomeDeletions() {
    for (String mode : List.of("http500", "truncated", "empty", "result0")) {
      whm.fault(new Fault(mode, 0, null));
      SyncLoop loop = loop();
      loop.step();
      whm.removeAccount("bob");
      for (int i = 0; i < 5; i++) {
        clock.advance(Duration.ofSeconds(40));
        loop.step();
      }
      assertThat(registry.calls).as(mode).isEmpty();
      assertThat(loop.status().lastError()).as(mode).isNotNull();
      assertThat(spool.depth()).as(mode).isPositive();
      whm.state().add(SimAccount.of("bob", "bob.example"));
    }
  }

  @Test
  void slowWhm_timesOut_andIsRetried() {
    whm.fault(new Fault("none", 2500, "listaccts"));
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.calls).isEmpty();
    assertThat(loop.status().lastError()).contains("timed out");
    whm.fault(Fault.NONE);
    clock.advance(Duration.ofSeconds(2));
    loop.step();
    assertThat(registry.lines()).containsExactly("PUT /v1/servers/s1.hoster.test/snapshot");
  }

  @Test
  void registryOutage_keepsEvents_backsOff_thenDeliversAll() {
    SyncLoop loop = loop();
    loop.step();
    registry.status = 503;
    whm.addDomain("bob", new SimDomain("bob.net", "parked"));
    whm.createAccount(SimAccount.of("carol", "carol.example"), false);
    settle(loop);
    assertThat(loop.status().retryAt()).isAfter(clock.instant());
    Instant retryAt = loop.status().retryAt();
    loop.step();
    assertThat(loop.status().retryAt()).isEqualTo(retryAt);
    assertThat(spool.depth()).isEqualTo(2);
    registry.status = 200;
    clock.advance(Duration.ofSeconds(1));
    loop.step();
    assertThat(registry.lines()).contains("PUT /v1/servers/s1.hoster.test/accounts/bob",
        "PUT /v1/servers/s1.hoster.test/accounts/carol");
    assertThat(spool.depth()).isZero();
  }

  @Test
  void guardRefusal_isReported_andNotRetriedBeforeTheNextInterval() {
    registry.status = 409;
    SyncLoop loop = loop();
    loop.step();
    assertThat(loop.status().refusal()).contains("HTTP 409").contains("mass_removal");
    assertThat(new StatusFile(dir.resolve("status.json")).read().refusal()).contains("409");
    registry.status = 200;
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(1));
      loop.step();
    }
    assertThat(registry.calls).isEmpty();
    clock.advance(Duration.ofMinutes(21));
    loop.step();
    assertThat(registry.lines()).containsExactly("PUT /v1/servers/s1.hoster.test/snapshot");
    assertThat(loop.status().refusal()).isNull();
  }

  @Test
  void eventsSurviveARestart() {
    SyncLoop first = loop();
    first.step();
    registry.status = 503;
    whm.addDomain("bob", new SimDomain("bob.org", "parked"));
    settle(first);
    assertThat(spool.depth()).isEqualTo(1);
    registry.status = 200;
    SyncLoop second = loop();
    second.step();
    assertThat(registry.lines()).containsExactly("PUT /v1/servers/s1.hoster.test/snapshot",
        "PUT /v1/servers/s1.hoster.test/snapshot");
    assertThat(registry.calls.get(1).body()).contains("bob.org");
    assertThat(spool.depth()).as("the start-up snapshot covers the spooled event").isZero();
  }
}
