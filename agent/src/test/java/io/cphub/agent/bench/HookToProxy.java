package io.cphub.agent.bench;

import io.cphub.agent.push.SyncLoop;
import io.cphub.proxy.route.FeedFollower;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteSource;
import io.cphub.proxy.route.RouteTable;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.SimDomain;
import io.cphub.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Hook event written → route in a proxy's table: a real proxy {@link FeedFollower} and
 * {@link LiveTable} on the registry's PostgreSQL (LISTEN/NOTIFY, safety poll 2 s), the agent's sync
 * loop either paced as before this change ("old": {@code step()} then a 100 ms sleep, debounce
 * 250 ms) or as now ("new": {@code run()}, spool watched, debounce 30 ms / max 1 s). Rounds
 * alternate old and new on the same simulator, registry and proxy table. Also a burst of 50
 * events for one account, counting the account pushes the registry answered.
 */
final class HookToProxy implements AutoCloseable {
  private final LiveTable live = new LiveTable(Clock.systemUTC(), RouteTable.empty(Instant.now()), Instant.now());
  private final FeedFollower follower;
  private final SimulatedServer server;
  private final int accounts;
  private final String registryUrl;
  private final HttpClient http = HttpClient.newHttpClient();
  private int next;

  HookToProxy(TestDatabase db, SimulatedServer server, int accounts, String registryUrl) {
    this.server = server;
    this.accounts = accounts;
    this.registryUrl = registryUrl;
    this.follower = new FeedFollower(() -> DriverManager.getConnection(db.url(), db.user(), db.password()),
        new RouteSource(Clock.systemUTC()), live, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofMillis(100),
        Duration.ofSeconds(5), 10_000, t -> { });
    follower.start();
  }

  /** A running loop: "old" steps and sleeps 100 ms as the loop did before; "new" is {@link SyncLoop#run()}. */
  static Thread start(SyncLoop loop, boolean old) {
    Runnable body = old ? () -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          loop.step();
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          System.out.println("old loop step failed: " + e);
        }
      }
    } : loop;
    Thread t = new Thread(body, old ? "bench-agent-old" : "bench-agent-new");
    t.start();
    return t;
  }

  /** Microseconds from each event written (hook script done) to the route in the proxy's table. */
  List<Long> measure(Supplier<SyncLoop> loops, boolean old, int events) throws Exception {
    SyncLoop loop = loops.get();
    Thread t = start(loop, old);
    List<Long> micros = new ArrayList<>();
    try {
      waitFor(() -> loop.status() != null && loop.status().lastFullSync() != null, "start-up snapshot");
      for (int i = 0; i < events; i++) {
        int n = next++;
        String user = String.format("u01%05d", 1 + (n * 7919) % accounts);
        String domain = "hook" + n + ".example";
        server.addDomain(user, new SimDomain(domain, "parked"));
        long t0 = System.nanoTime();
        while (live.current().forDomain(domain) == null) {
          if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
            throw new IllegalStateException("no route for " + domain + " in the proxy table after 30 s");
          }
          LockSupport.parkNanos(100_000);
        }
        micros.add((System.nanoTime() - t0) / 1_000);
      }
    } finally {
      stop(loop, t);
    }
    return micros;
  }

  /**
   * A burst of 50 hook events (50 parked domains, one account) delivered by {@code hooks}: account
   * pushes the registry answered, and ms to the last route. The server's own hook sink is put back after.
   */
  String burst(Supplier<SyncLoop> loops, boolean old, HookSink hooks, HookSink restore) throws Exception {
    server.hooks(hooks);
    try {
      return burst(loops, old);
    } finally {
      server.hooks(restore);
    }
  }

  private String burst(Supplier<SyncLoop> loops, boolean old) throws Exception {
    SyncLoop loop = loops.get();
    Thread t = start(loop, old);
    try {
      waitFor(() -> loop.status() != null && loop.status().lastFullSync() != null, "start-up snapshot");
      String user = String.format("u01%05d", 1 + (next * 31) % accounts);
      long before = accountPushes();
      long t0 = System.nanoTime();
      String last = null;
      for (int i = 0; i < 50; i++) {
        last = "burst" + next++ + ".example";
        server.addDomain(user, new SimDomain(last, "parked"));
      }
      long written = System.nanoTime();
      String lastDomain = last;
      waitFor(() -> live.current().forDomain(lastDomain) != null, "the burst's last route");
      long routed = System.nanoTime();
      Thread.sleep(1500); // longer than the new maximum wait: any later push would be counted
      return String.format("%d account pushes; 50 events written in %d ms; last route in the proxy %d ms after "
          + "the first event", accountPushes() - before, (written - t0) / 1_000_000, (routed - t0) / 1_000_000);
    } finally {
      stop(loop, t);
    }
  }

  private long accountPushes() throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return text.lines().filter(l -> l.startsWith("cphub_registry_http_requests_total{")
            && l.contains("endpoint=\"account\"") && l.contains("status=\"200\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static void stop(SyncLoop loop, Thread t) throws InterruptedException {
    loop.close();
    t.interrupt();
    t.join(10_000);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long t0 = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
        throw new IllegalStateException("not within 60 s: " + what);
      }
      Thread.sleep(5);
    }
  }

  static String summary(String what, List<Long> micros) {
    List<Long> s = new ArrayList<>(micros);
    Collections.sort(s);
    int n = s.size();
    return String.format("%s, %d events (ms): median %.1f p90 %.1f p99 %.1f max %.1f", what, n, s.get(n / 2) / 1000.0,
        s.get(n * 90 / 100) / 1000.0, s.get(Math.min(n - 1, n * 99 / 100)) / 1000.0, s.get(n - 1) / 1000.0);
  }

  @Override
  public void close() {
    follower.close();
  }
}
