package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmClient;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.SpoolHookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
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
 * After a failover the registry's answers name another feed identity: the agent pushes a full
 * snapshot at once, so what the old primary acknowledged and the new one lacks comes back within
 * a step, not at the next full interval. And a 503's Retry-After sets the next attempt.
 */
class FeedIdentityTest {
  static final String SERVER = "s1.hoster.test";
  static final String SNAPSHOT = "PUT /v1/servers/s1.hoster.test/snapshot";
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
    sim = new Simulator(new StateFile(List.of(new ServerSpec(SERVER, "root", "WT",
        List.of(SimAccount.of("bob", "bob.example"))))), "127.0.0.1", 0,
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

  SyncLoop loop() {
    WhmClient client = new WhmClient(HttpUrl.get("http://127.0.0.1:" + sim.port(SERVER) + "/"), "root", "WT",
        Duration.ofSeconds(2), Duration.ofMillis(1500));
    RegistryClient reg = new RegistryClient(registryHttp.url("/"), SERVER, "RT", Duration.ofSeconds(2));
    SyncSettings settings = new SyncSettings(SERVER, Duration.ofMinutes(30), DEBOUNCE, Duration.ofMillis(50),
        Duration.ofSeconds(1), Duration.ofSeconds(30), "test");
    return new SyncLoop(settings, client, reg, spool, new StatusFile(dir.resolve("status.json")), clock, new Random(1));
  }

  private long snapshots() {
    return registry.lines().stream().filter(SNAPSHOT::equals).count();
  }

  @Test
  void newFeedIdentityInAnAnswer_sendsAFullSnapshotAtOnce() {
    registry.identity = "7-1-16384-e";
    SyncLoop loop = loop();
    loop.step();
    assertThat(snapshots()).isEqualTo(1);
    whm.addDomain("bob", new SimDomain("bob.net", "parked"));
    loop.step();
    clock.advance(DEBOUNCE);
    loop.step();
    assertThat(registry.lines()).contains("PUT /v1/servers/s1.hoster.test/accounts/bob");
    assertThat(snapshots()).as("same history: no extra snapshot").isEqualTo(1);

    registry.identity = "7-2-16384-e";
    whm.addDomain("bob", new SimDomain("bob.org", "parked"));
    loop.step();
    clock.advance(DEBOUNCE);
    loop.step();
    assertThat(snapshots()).as("the answer named a new history").isEqualTo(1);
    loop.step();
    assertThat(snapshots()).as("full snapshot on the very next step").isEqualTo(2);
    String last = registry.calls.get(registry.calls.size() - 1).body();
    assertThat(last).contains("bob.net", "bob.org");
    loop.step();
    clock.advance(Duration.ofMinutes(1));
    loop.step();
    assertThat(snapshots()).as("once, not on every step").isEqualTo(2);
  }

  @Test
  void registryWithoutIdentity_neverTriggersExtraSnapshots() {
    SyncLoop loop = loop();
    loop.step();
    whm.addDomain("bob", new SimDomain("bob.net", "parked"));
    loop.step();
    clock.advance(DEBOUNCE);
    loop.step();
    loop.step();
    assertThat(snapshots()).isEqualTo(1);
  }

  @Test
  void unavailableWithRetryAfter_waitsThatLong() {
    SyncLoop loop = loop();
    registry.status = 503;
    registry.errorBody = "{\"error\":\"database_unavailable\",\"detail\":\"the registry database is unavailable\"}";
    registry.retryAfter = "7";
    loop.step();
    assertThat(loop.status().retryAt()).isEqualTo(clock.instant().plusSeconds(7));
    registry.retryAfter = "100000";
    clock.advance(Duration.ofSeconds(7));
    loop.step();
    assertThat(loop.status().retryAt()).as("nonsense Retry-After: own backoff (at most 2 s here)")
        .isBefore(clock.instant().plusSeconds(3));
    registry.status = 200;
    clock.advance(Duration.ofSeconds(3));
    loop.step();
    assertThat(snapshots()).isEqualTo(1);
  }

  @Test
  void retryAfter_parsesSecondsOnly() {
    assertThat(RegistryClient.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(RegistryClient.retryAfter(" 30 ")).isEqualTo(Duration.ofSeconds(30));
    assertThat(RegistryClient.retryAfter(null)).isNull();
    assertThat(RegistryClient.retryAfter("-1")).isNull();
    assertThat(RegistryClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    assertThat(RegistryClient.retryAfter("99999")).isNull();
    assertThat(RegistryClient.retryAfter("3601")).isNull();
  }
}
