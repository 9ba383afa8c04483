package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.net.Waits;
import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmClient;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.SpoolHookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.whm.Fault;
import io.cphub.testkit.MutableClock;
import java.nio.file.Path;
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

/**
 * The sync loop against simulated WHM servers that treat connections the way real ones do (real
 * sockets, fake clock for the agent's own pacing): full syncs and hook-driven account pushes must
 * go through on the first attempt, and failures that are not stale connections are not hammered.
 */
class WhmConnectionTest {
  static final String SERVER = "s1.hoster.test";
  static final Duration DEBOUNCE = Duration.ofMillis(200);
  static final String SNAPSHOT = "PUT /v1/servers/s1.hoster.test/snapshot";
  static final String ALICE = "PUT /v1/servers/s1.hoster.test/accounts/alice";
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
        List.of(new SimDomain("shop.example", "addon")));
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

  /** A hook event for alice, then the debounce: the account must be pushed in this one pass. */
  void hookPushGoesThrough(SyncLoop loop, String domain) {
    whm.addDomain("alice", new SimDomain(domain, "parked"));
    loop.step();
    clock.advance(DEBOUNCE);
    loop.step();
    assertThat(registry.lines()).last().isEqualTo(ALICE);
    assertThat(registry.calls.get(registry.calls.size() - 1).body()).contains(domain);
    assertThat(loop.status().lastError()).isNull();
    assertThat(spool.depth()).isZero();
  }

  void fullSyncGoesThrough(SyncLoop loop) {
    int before = registry.calls.size();
    clock.advance(Duration.ofMinutes(30));
    loop.step();
    assertThat(registry.lines().subList(before, registry.calls.size())).containsExactly(SNAPSHOT);
  }

  @Test
  void http10CloseAfterEveryAnswer_fullSyncsAndHookPushesGoThroughFirstTime() {
    whm.fault(Fault.connection("http10", 0, 0));
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
    assertThat(loop.status().lastError()).isNull();
    hookPushGoesThrough(loop, "one.example");
    hookPushGoesThrough(loop, "two.example");
    fullSyncGoesThrough(loop);
  }

  @Test
  void keepAliveWithIdleTimeoutShorterThanThePause_firstCallAfterThePauseGoesThrough() {
    whm.fault(Fault.connection("keep-alive", 200, 0));
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
    for (String domain : List.of("one.example", "two.example")) {
      Waits.until(Duration.ofSeconds(10), "the server closes the idle connection", () -> sim.openConnections(SERVER) == 0);
      hookPushGoesThrough(loop, domain);
    }
    Waits.until(Duration.ofSeconds(10), "the server closes the idle connection", () -> sim.openConnections(SERVER) == 0);
    fullSyncGoesThrough(loop);
    assertThat(loop.status().lastError()).isNull();
  }

  @Test
  void connectionCloseOnEveryOtherAnswer_fullSyncsAndHookPushesGoThrough() {
    whm.fault(Fault.connection("close", 0, 2));
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
    hookPushGoesThrough(loop, "one.example");
    hookPushGoesThrough(loop, "two.example");
    fullSyncGoesThrough(loop);
  }

  @Test
  void closedBeforeAnyAnswer_isRetriedOnceAtOnce_thenBacksOff() {
    whm.fault(new Fault("drop", 0, "listaccts"));
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.calls).isEmpty();
    assertThat(whm.api().calls("listaccts")).as("one try and one immediate retry, no more").isEqualTo(2);
    assertThat(loop.status().lastError()).contains("listaccts");
    assertThat(loop.status().retryAt()).isAfter(clock.instant());
    whm.fault(Fault.NONE);
    clock.advance(Duration.ofSeconds(1));
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
  }

  @Test
  void closedMidAnswer_pushesNothing_isNotRetriedAtOnce_andRecoversAfterTheBackoff() {
    whm.fault(new Fault("cut", 0, "get_domain_info"));
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.calls).isEmpty();
    assertThat(whm.api().calls("get_domain_info")).isEqualTo(1);
    whm.fault(Fault.NONE);
    clock.advance(Duration.ofSeconds(1));
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
    whm.fault(new Fault("cut", 0, "accountsummary"));
    whm.addDomain("alice", new SimDomain("one.example", "parked"));
    loop.step();
    clock.advance(DEBOUNCE);
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
    assertThat(spool.depth()).isEqualTo(1);
    whm.fault(Fault.NONE);
    clock.advance(Duration.ofSeconds(1));
    loop.step();
    assertThat(registry.lines()).last().isEqualTo(ALICE);
  }

  @Test
  void slowAnswers_withinTheTimeoutSync_beyondItTimeOutOnceWithoutARetry() {
    whm.fault(new Fault("slow", 600, null));
    SyncLoop loop = loop();
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
    whm.fault(new Fault("none", 2500, "accountsummary"));
    whm.addDomain("alice", new SimDomain("one.example", "parked"));
    loop.step();
    clock.advance(DEBOUNCE);
    loop.step();
    assertThat(registry.lines()).containsExactly(SNAPSHOT);
    assertThat(whm.api().calls("accountsummary")).as("a timeout is not a stale connection").isEqualTo(1);
    assertThat(loop.status().lastError()).contains("timed out");
  }
}
