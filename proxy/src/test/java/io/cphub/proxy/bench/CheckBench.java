package io.cphub.proxy.bench;

import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.proxy.verify.BackendProblem;
import io.cphub.proxy.verify.CheckLimits;
import io.cphub.proxy.verify.CheckOutcome;
import io.cphub.proxy.verify.CheckResult;
import io.cphub.proxy.verify.CredentialCache;
import io.cphub.proxy.verify.ImapChecker;
import io.cphub.proxy.verify.Verifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uncached password checks against a real Dovecot (users {@code u<N>@bench.example}, password
 * {@code pw<N>}), through the production Verifier and ImapChecker. Two variants in one run:
 * {@code shared} (one 32-thread pool, no per-server limits or breaker: the behaviour before the
 * bulkheads) and {@code bulkheads} (the production defaults). Figures: logins per second with and
 * without a concurrent wrong-password flood, and a healthy server's login latency while 300
 * checks hang on a server that accepts and never answers. Args: dovecot-port users seconds.
 */
public final class CheckBench {
  private final int port;
  private final AtomicInteger nextUser = new AtomicInteger();
  private final int users;

  private CheckBench(int port, int users) {
    this.port = port;
    this.users = users;
  }

  public static void main(String[] args) throws Exception {
    CheckBench b = new CheckBench(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    int seconds = Integer.parseInt(args[2]);
    String only = args.length > 3 ? args[3] : "all";
    for (String variant : List.of("shared", "bulkheads")) {
      if (only.equals("all") || only.equals("throughput")) {
        b.throughput(variant, seconds, false);
        b.throughput(variant, seconds, true);
      }
      if (only.equals("all") || only.equals("hung")) {
        b.hung(variant);
      }
    }
  }

  private static ThreadPoolExecutor pool(int threads) {
    return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
      Thread t = new Thread(r, "bench-verify");
      t.setDaemon(true);
      return t;
    });
  }

  private static Verifier verifier(String variant, ThreadPoolExecutor pool) {
    CheckLimits limits = variant.equals("shared") ? CheckLimits.UNBOUNDED
        : new CheckLimits(16, 32, 8, 4, 5, Duration.ofSeconds(30));
    return new Verifier(new ImapChecker(Duration.ofSeconds(3), Duration.ofSeconds(10)), 143,
        new CredentialCache(Duration.ofMinutes(10), 100_000, System::nanoTime), pool, new ProxyMetrics(), limits,
        Clock.systemUTC(), id -> "s" + id);
  }

  private Verifier.Request login(int server, int p, String ip, boolean right) {
    int n = nextUser.getAndIncrement() % users;
    String pw = right ? "pw" + n : "wrong" + System.nanoTime();
    return new Verifier.Request(server, "127.0.0.1", p, ip, ("u" + n + "@bench.example").getBytes(StandardCharsets.UTF_8),
        pw.getBytes(StandardCharsets.UTF_8));
  }

  private static CheckOutcome run(Verifier v, Verifier.Request r) {
    return v.check(r, v.key(r)).join();
  }

  /** 16 workers doing correct uncached logins for {@code seconds}; optionally 64 more doing wrong passwords. */
  private void throughput(String variant, int seconds, boolean flood) throws Exception {
    ThreadPoolExecutor pool = pool(variant.equals("shared") ? 32 : 64);
    Verifier v = verifier(variant, pool);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong accepted = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicLong floodDone = new AtomicLong();
    List<Long> micros = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 16; w++) {
      String ip = "198.51.100." + (w + 1);
      threads.add(start(() -> {
        while (!stop.get()) {
          long t = System.nanoTime();
          CheckOutcome o = run(v, login(1, port, ip, true));
          if (o == CheckResult.ACCEPTED) {
            accepted.incrementAndGet();
            micros.add((System.nanoTime() - t) / 1000);
          } else if (o.result() == CheckResult.REJECTED) {
            rejected.incrementAndGet();
          } else {
            unavailable.incrementAndGet();
            pause(50);
          }
        }
      }));
    }
    for (int w = 0; flood && w < 64; w++) {
      String ip = "203.0.113." + (w + 1);
      threads.add(start(() -> {
        while (!stop.get()) {
          CheckOutcome o = run(v, login(1, port, ip, false));
          floodDone.incrementAndGet();
          if (o.result() == CheckResult.UNAVAILABLE) {
            pause(50);
          }
        }
      }));
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }
    pool.shutdownNow();
    long[] lat = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "throughput %s flood=%s: %.1f accepted logins/s, p50 %.1f ms, p99 %.1f ms, "
            + "temporary %d, rejected %d, flood checks %d%n", variant, flood, accepted.get() / (double) seconds,
        pct(lat, 50) / 1000.0, pct(lat, 99) / 1000.0, unavailable.get(), rejected.get(), floodDone.get());
  }

  /** 300 checks at once on a server that accepts and never writes, then 5 healthy logins at once. */
  private void hung(String variant) throws Exception {
    ThreadPoolExecutor pool = pool(variant.equals("shared") ? 32 : 64);
    Verifier v = verifier(variant, pool);
    double[] unloaded = new double[20];
    for (int i = 0; i < unloaded.length; i++) {
      long t = System.nanoTime();
      CheckOutcome o = run(v, login(1, port, "198.51.100.1", true));
      unloaded[i] = (System.nanoTime() - t) / 1e6;
      if (o != CheckResult.ACCEPTED) {
        throw new IllegalStateException("healthy login failed: " + o);
      }
    }
    try (ServerSocket hung = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor = start(() -> {
        try {
          while (true) {
            held.add(hung.accept());
          }
        } catch (java.io.IOException e) {
          // closed
        }
      });
      long floodStart = System.nanoTime();
      List<CompletableFuture<CheckOutcome>> flood = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        Verifier.Request r = login(2, hung.getLocalPort(), "203.0.113." + (i % 250 + 1), true);
        flood.add(v.check(r, v.key(r)));
      }
      List<CompletableFuture<Double>> healthy = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String ip = "198.51.100." + (10 + i);
        healthy.add(CompletableFuture.supplyAsync(() -> {
          long t = System.nanoTime();
          CheckOutcome o = run(v, login(1, port, ip, true));
          double ms = (System.nanoTime() - t) / 1e6;
          return o == CheckResult.ACCEPTED ? ms : -ms;
        }, runnable -> start(runnable)));
      }
      double[] during = healthy.stream().mapToDouble(CompletableFuture::join).sorted().toArray();
      CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).join();
      double drained = (System.nanoTime() - floodStart) / 1e9;
      long fast = flood.stream().filter(f -> f.join() instanceof BackendProblem p && p.notAsked()).count();
      Arrays.sort(unloaded);
      System.out.printf(Locale.ROOT, "hung %s: healthy unloaded median %.1f ms (max %.1f); during the flood %s ms "
              + "(negative = not accepted); flood drained after %.1f s, %d of 300 refused without asking, "
              + "%d connections to the hung server%n", variant, unloaded[10], unloaded[19], Arrays.toString(during),
          drained, fast, held.size());
      hung.close();
      acceptor.join(1000);
      for (Socket s : held) {
        s.close();
      }
    }
    pool.shutdownNow();
  }

  private static long pct(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread start(Runnable r) {
    Thread t = new Thread(r, "bench-worker");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
