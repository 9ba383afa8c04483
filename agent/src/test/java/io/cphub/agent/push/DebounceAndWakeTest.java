package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.net.Waits;
import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmClient;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.Json;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.SpoolHookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import io.cphub.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
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

/** Bursts of hook events coalesce (quiet period with a maximum wait); a new event wakes the loop. */
class DebounceAndWakeTest {
  static final String SERVER = "s1.hoster.test";
  static final String ALICE = "PUT /v1/servers/s1.hoster.test/accounts/alice";
  static final Duration QUIET = Duration.ofMillis(30);
  static final Duration MAX = Duration.ofMillis(1000);
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
    sim = new Simulator(new StateFile(List.of(new ServerSpec(SERVER, "root", "WT", List.of(
        SimAccount.of("alice", "alice.example"), SimAccount.of("bob", "bob.example"))))), "127.0.0.1", 0,
        n -> new SpoolHookSink(dir.resolve("spool")), clock);
    whm = sim.server(SERVER);
    spool = new Spool(dir.resolve("spool"));
    spool.init();
  }

  @AfterEach
  void stop() {
    sim.close();
    registryHttp.close();
  }

  SyncLoop loop(Clock loopClock, Duration poll) {
    WhmClient client = new WhmClient(HttpUrl.get("http://127.0.0.1:" + sim.port(SERVER) + "/"), "root", "WT",
        Duration.ofSeconds(2), Duration.ofSeconds(2));
    RegistryClient reg = new RegistryClient(registryHttp.url("/"), SERVER, "RT", Duration.ofSeconds(2));
    SyncSettings settings = new SyncSettings(SERVER, Duration.ofMinutes(30), QUIET, MAX, poll,
        Duration.ofSeconds(1), Duration.ofSeconds(30), "test");
    return new SyncLoop(settings, client, reg, spool, new StatusFile(dir.resolve("status.json")), loopClock,
        new Random(1));
  }

  long alicePushes() {
    return registry.lines().stream().filter(ALICE::equals).count();
  }

  @Test
  void burstOf50EventsForOneAccount_becomesOnePush_withEveryChange() throws Exception {
    SyncLoop loop = loop(clock, Duration.ofSeconds(1));
    loop.step();
    for (int i = 0; i < 50; i++) {
      whm.addDomain("alice", new SimDomain("burst" + i + ".example", "parked"));
      loop.step();
      clock.advance(Duration.ofMillis(5));
    }
    assertThat(alicePushes()).as("nothing while the burst goes on").isZero();
    clock.advance(QUIET);
    loop.step();
    loop.step();
    assertThat(alicePushes()).isEqualTo(1);
    AccountPush push = Json.mapper().readValue(registry.calls.get(registry.calls.size() - 1).body(), AccountPush.class);
    assertThat(push.account().domains()).hasSize(51);
    assertThat(spool.depth()).isZero();
  }

  @Test
  void streamLongerThanTheMaximumWait_isPushedOncePerMaximumWait_notPerEvent() {
    SyncLoop loop = loop(clock, Duration.ofSeconds(1));
    loop.step();
    for (int i = 0; i < 300; i++) {
      whm.addDomain("alice", new SimDomain("stream" + i + ".example", "parked"));
      loop.step();
      clock.advance(Duration.ofMillis(10));
    }
    assertThat(alicePushes()).as("3 s of events: a push at 1 s and at 2 s while they come").isEqualTo(2);
    clock.advance(QUIET);
    loop.step();
    assertThat(alicePushes()).as("and one when they stopped").isEqualTo(3);
    assertThat(spool.depth()).isZero();
  }

  @Test
  void pacing_waitsForTheDebounce_theBackoff_orThePoll_neverSpins() {
    SyncLoop loop = loop(clock, Duration.ofSeconds(1));
    loop.step();
    assertThat(loop.untilNextWork()).isEqualTo(Duration.ofSeconds(1));
    whm.addDomain("alice", new SimDomain("one.example", "parked"));
    loop.step();
    assertThat(loop.untilNextWork()).isEqualTo(QUIET);
    clock.advance(Duration.ofMillis(20));
    assertThat(loop.untilNextWork()).isEqualTo(Duration.ofMillis(10));
    registry.status = 503;
    clock.advance(Duration.ofMillis(10));
    loop.step();
    Duration wait = loop.untilNextWork();
    assertThat(wait).as("backing off, although alice is due").isGreaterThanOrEqualTo(Duration.ofMillis(500));
    clock.advance(wait);
    assertThat(loop.untilNextWork()).isEqualTo(Pacing.MIN_WAIT);
  }

  @Test
  void runningLoop_isWokenByANewHookFile_longBeforeItsSafetyScan() throws Exception {
    SyncLoop loop = loop(Clock.systemUTC(), Duration.ofHours(1));
    Thread t = new Thread(loop, "test-agent");
    t.start();
    try {
      Waits.until(Duration.ofSeconds(10), "the start-up snapshot", () -> registry.calls.size() == 1);
      whm.addDomain("alice", new SimDomain("woken.example", "parked"));
      Waits.until(Duration.ofSeconds(20), "alice pushed without waiting for the hourly scan", () -> alicePushes() == 1);
      assertThat(registry.calls.get(1).body()).contains("woken.example");
    } finally {
      loop.close();
      t.join(10_000);
    }
  }
}
