package io.cphub.proxy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue scenario: one server whose IMAP port accepts and never answers (or refuses connections),
 * 300 uncached logins for it at once; an uncached login for a healthy server must still take its
 * normal time. Real sockets, the real IMAP checker, a 32-thread pool as the old default had.
 */
class SickBackendTest {
  static final int HEALTHY = 1;
  static final int SICK = 2;
  final MutableClock clock = new MutableClock();
  final ProxyMetrics metrics = new ProxyMetrics();
  final ThreadPoolExecutor pool = new ThreadPoolExecutor(32, 32, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
      r -> {
        Thread t = new Thread(r, "test-verify");
        t.setDaemon(true);
        return t;
      });
  final CheckLimits limits = new CheckLimits(16, 32, 8, 4, 5, Duration.ofSeconds(30));
  final Verifier verifier = new Verifier(new ImapChecker(Duration.ofSeconds(1), Duration.ofSeconds(2)), 143,
      new CredentialCache(Duration.ofMinutes(5), 10_000, System::nanoTime), pool, metrics, limits, clock,
      id -> "s" + id + ".hoster.test");
  int users;

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  Verifier.Request request(int server, int port, String clientIp, String user, String password) {
    return new Verifier.Request(server, "127.0.0.1", port, clientIp, user.getBytes(StandardCharsets.UTF_8),
        password.getBytes(StandardCharsets.UTF_8));
  }

  CompletableFuture<CheckOutcome> check(Verifier.Request r) {
    return verifier.check(r, verifier.key(r));
  }

  /** Median milliseconds of {@code n} uncached logins (a new user each) for the healthy server. */
  double healthyLoginMillis(FakeImap healthy, int n) throws Exception {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      Verifier.Request r = request(HEALTHY, healthy.port(), "198.51.100.1", "user" + users++ + "@healthy.example",
          "right");
      long t = System.nanoTime();
      CheckOutcome o = check(r).get(10, TimeUnit.SECONDS);
      ms[i] = (System.nanoTime() - t) / 1e6;
      assertThat(o).isEqualTo(CheckResult.ACCEPTED);
    }
    Arrays.sort(ms);
    return ms[n / 2];
  }

  List<CompletableFuture<CheckOutcome>> flood(int port) {
    List<CompletableFuture<CheckOutcome>> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      all.add(check(request(SICK, port, "203.0.113." + (i % 250), "victim" + i + "@sick.example", "pw" + i)));
    }
    return all;
  }

  static long count(List<CompletableFuture<CheckOutcome>> fs, BackendProblem.Kind kind) {
    return fs.stream().filter(f -> f.isDone() && f.join() instanceof BackendProblem p && p.kind() == kind).count();
  }

  @Test
  void hungBackend_300UncachedLogins_healthyServerKeepsItsLatency_breakerOpens() throws Exception {
    try (FakeImap healthy = FakeImap.healthy("right"); FakeImap hung = FakeImap.hung()) {
      healthyLoginMillis(healthy, 3);
      double unloaded = healthyLoginMillis(healthy, 7);
      List<CompletableFuture<CheckOutcome>> flood = flood(hung.port());
      assertThat(count(flood, BackendProblem.Kind.BUSY)).as("beyond 16 in flight + 32 queued: refused at once")
          .isEqualTo(300 - 16 - 32);
      double loaded = healthyLoginMillis(healthy, 7);
      assertThat(loaded).as("healthy login during the flood (unloaded %.1f ms)", unloaded).isLessThan(unloaded + 50);
      CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      assertThat(flood).allSatisfy(f -> assertThat(f.join().result()).isEqualTo(CheckResult.UNAVAILABLE));
      long timeouts = count(flood, BackendProblem.Kind.TIMEOUT);
      assertThat(timeouts).as("16 in flight, plus the queued ones started before the 5th timeout opened the breaker")
          .isBetween(16L, 16L + 4);
      assertThat(count(flood, BackendProblem.Kind.CIRCUIT_OPEN)).as("the other queued ones fail fast")
          .isEqualTo(32 - (timeouts - 16));
      assertThat(hung.accepted()).isEqualTo((int) timeouts);
      assertThat(state(SICK).breaker()).isEqualTo("open");
      assertThat(state(HEALTHY).breaker()).isEqualTo("closed");
    }
  }

  @Test
  void refusingBackend_300UncachedLogins_healthyServerKeepsItsLatency_breakerOpens() throws Exception {
    try (FakeImap healthy = FakeImap.healthy("right")) {
      int closed = FakeImap.closedPort();
      healthyLoginMillis(healthy, 3);
      double unloaded = healthyLoginMillis(healthy, 7);
      List<CompletableFuture<CheckOutcome>> flood = flood(closed);
      double loaded = healthyLoginMillis(healthy, 7);
      assertThat(loaded).as("healthy login during the flood (unloaded %.1f ms)", unloaded).isLessThan(unloaded + 50);
      CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      assertThat(flood).allSatisfy(f -> assertThat(f.join().result()).isEqualTo(CheckResult.UNAVAILABLE));
      assertThat(count(flood, BackendProblem.Kind.CONNECT_FAILED)).isBetween(5L, 48L);
      assertThat(count(flood, BackendProblem.Kind.CONNECT_FAILED) + count(flood, BackendProblem.Kind.CIRCUIT_OPEN)
          + count(flood, BackendProblem.Kind.BUSY)).isEqualTo(300);
      assertThat(state(SICK).breaker()).isEqualTo("open");
    }
  }

  @Test
  void openBreaker_failsFast_thenOneProbeAfterTheCoolDown_closesWhenTheBackendAnswers() throws Exception {
    int closed = FakeImap.closedPort();
    for (int i = 0; i < 5; i++) {
      assertThat(check(request(SICK, closed, "192.0.2.1", "u" + i + "@sick.example", "x")).get(5, TimeUnit.SECONDS))
          .extracting(o -> ((BackendProblem) o).kind()).isEqualTo(BackendProblem.Kind.CONNECT_FAILED);
    }
    assertThat(state(SICK).breaker()).isEqualTo("open");
    try (FakeImap back = FakeImap.healthy("right")) {
      CompletableFuture<CheckOutcome> fast = check(request(SICK, back.port(), "192.0.2.1", "a@sick.example", "right"));
      assertThat(fast).isCompleted();
      assertThat(((BackendProblem) fast.join()).kind()).isEqualTo(BackendProblem.Kind.CIRCUIT_OPEN);
      assertThat(back.accepted()).isZero();
      clock.advance(Duration.ofSeconds(30));
      CompletableFuture<CheckOutcome> probe = check(request(SICK, back.port(), "192.0.2.1", "b@sick.example", "right"));
      CompletableFuture<CheckOutcome> second = check(request(SICK, back.port(), "192.0.2.2", "c@sick.example", "right"));
      assertThat(second.get(5, TimeUnit.SECONDS)).as("only one probe while half-open")
          .extracting(o -> ((BackendProblem) o).kind()).isEqualTo(BackendProblem.Kind.CIRCUIT_OPEN);
      assertThat(probe.get(5, TimeUnit.SECONDS)).isEqualTo(CheckResult.ACCEPTED);
      assertThat(state(SICK).breaker()).isEqualTo("closed");
      assertThat(check(request(SICK, back.port(), "192.0.2.1", "d@sick.example", "wrong")).get(5, TimeUnit.SECONDS))
          .isEqualTo(CheckResult.REJECTED);
    }
  }

  @Test
  void oneClientAddressOrAccount_cannotOccupyTheChecker() throws Exception {
    try (FakeImap hung = FakeImap.hung()) {
      List<CompletableFuture<CheckOutcome>> mine = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        mine.add(check(request(SICK, hung.port(), "192.0.2.9", "x" + i + "@sick.example", "pw")));
      }
      assertThat(count(mine, BackendProblem.Kind.CLIENT_LIMIT)).as("9th from one address").isEqualTo(1);
      List<CompletableFuture<CheckOutcome>> account = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        account.add(check(request(SICK, hung.port(), "198.51.100." + i, "boss@sick.example", "guess" + i)));
      }
      assertThat(count(account, BackendProblem.Kind.CLIENT_LIMIT)).as("5th for one account").isEqualTo(1);
      assertThat(check(request(SICK, hung.port(), "198.51.100.77", "other@sick.example", "pw"))).isNotDone();
    }
  }

  BackendState state(int server) {
    return verifier.backends().stream().filter(b -> b.serverId() == server).findFirst().orElseThrow();
  }
}
