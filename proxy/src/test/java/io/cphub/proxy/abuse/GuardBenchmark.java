package io.cphub.proxy.abuse;

import io.cphub.proxy.auth.LoginGuard;
import io.cphub.testkit.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks for proxy/ABUSE.md, not part of the build's tests. Run after packaging:
 * {@code java -cp proxy/target/cphub-proxy.jar:proxy/target/test-classes io.cphub.proxy.abuse.GuardBenchmark
 * throughput|heap}.
 * <ul>
 *   <li>{@code throughput}: auth_http logins per second over real sockets (a new connection per
 *       login, as nginx does) with the guard on and off, alternating rounds; normal traffic: 20,000
 *       accounts from 5,000 IPs, 3% typos. The backend check is a fake that answers at once, so the
 *       guard's share of the cost is as large as it can be.</li>
 *   <li>{@code calls}: the guard alone on the same normal traffic, in process: nanoseconds per
 *       login for {@code before} plus {@code after}, as the auth handler calls them.</li>
 *   <li>{@code heap}: retained heap after 1,000,000 distinct attacking IPs each fail once, with the
 *       default key bound, and the guard's per-call cost on that path.</li>
 * </ul>
 */
final class GuardBenchmark {
  private GuardBenchmark() {}

  public static void main(String[] args) throws Exception {
    String what = args.length == 0 ? "throughput" : args[0];
    switch (what) {
      case "throughput" -> throughput(args.length > 1 ? Integer.parseInt(args[1]) : 5);
      case "heap" -> heap(args.length > 1 ? Long.parseLong(args[1]) : 100_000);
      case "calls" -> calls(args.length > 1 ? Integer.parseInt(args[1]) : 5);
      default -> throw new IllegalArgumentException("throughput [rounds] | heap [max-tracked] | calls [rounds]");
    }
  }

  private static void throughput(int rounds) throws Exception {
    AbuseGuard guard = new AbuseGuard(TestConfigs.defaults(), Clock.systemUTC(), new BanList(), BanSink.LOCAL,
        new GuardMetrics(new PrometheusRegistry()));
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    try (AuthStack with = new AuthStack(new GuardHook(guard, new PasswordTags()));
        AuthStack without = new AuthStack(LoginGuard.NONE)) {
      run(with, Duration.ofSeconds(3));
      run(without, Duration.ofSeconds(3));
      for (int r = 0; r < rounds; r++) {
        on.add(run(with, Duration.ofSeconds(5)));
        off.add(run(without, Duration.ofSeconds(5)));
        System.out.printf(Locale.ROOT, "round %d: guard on %.0f/s, off %.0f/s%n", r + 1, on.get(r), off.get(r));
      }
    }
    double mOn = median(on);
    double mOff = median(off);
    System.out.printf(Locale.ROOT, "median logins/s: guard on %.0f, off %.0f, cost %.1f%%%n", mOn, mOff,
        100 * (mOff - mOn) / mOff);
  }

  private static void calls(int rounds) {
    AbuseGuard guard = new AbuseGuard(TestConfigs.defaults(), Clock.systemUTC(), new BanList(), BanSink.LOCAL,
        new GuardMetrics(new PrometheusRegistry()));
    GuardHook hook = new GuardHook(guard, new PasswordTags());
    io.cphub.proxy.route.Backend s1 = new io.cphub.proxy.route.Backend(1, "s1", "10.0.0.1", null, null, null, "active");
    int n = 2_000_000;
    io.cphub.proxy.auth.LoginAttempt[] attempts = new io.cphub.proxy.auth.LoginAttempt[20_000];
    for (int u = 0; u < attempts.length; u++) {
      String ip = "100." + (64 + u % 5_000 / 256) + "." + (u % 5_000 % 256) + ".1";
      String login = "u" + u + "@example.com";
      attempts[u] = new io.cphub.proxy.auth.LoginAttempt(io.cphub.proxy.auth.Protocol.IMAP, ip, login,
          io.cphub.model.Login.parse(login), s1, 1, new io.cphub.proxy.verify.CredentialCache.Key(u, 0, 0, 0));
    }
    List<Double> ns = new ArrayList<>();
    for (int r = 0; r < rounds + 1; r++) {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        io.cphub.proxy.auth.LoginAttempt a = attempts[rnd.nextInt(attempts.length)];
        hook.before(a);
        hook.after(a, rnd.nextInt(100) < 3 ? io.cphub.proxy.auth.AuthOutcome.REJECTED
            : io.cphub.proxy.auth.AuthOutcome.ACCEPTED);
      }
      double per = (System.nanoTime() - t0) / (double) n;
      if (r > 0) {
        ns.add(per);
      }
      System.out.printf(Locale.ROOT, "round %d%s: %.0f ns per login%n", r, r == 0 ? " (warm-up)" : "", per);
    }
    System.out.printf(Locale.ROOT, "median: %.0f ns per login (before + after)%n", median(ns));
  }

  private static double run(AuthStack stack, Duration d) throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long end = System.nanoTime() + d.toNanos();
    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        int n = 0;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
          int user = rnd.nextInt(20_000);
          String ip = "100." + (64 + user % 5_000 / 256) + "." + (user % 5_000 % 256) + ".1";
          boolean typo = rnd.nextInt(100) < 3;
          stack.login(ip, "u" + user + "@example.com", typo ? "typo" + rnd.nextInt(3) : "pw-u" + user);
          n++;
        }
        return n;
      }));
    }
    long total = 0;
    for (Future<Integer> f : done) {
      total += f.get();
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    return total / (d.toNanos() / 1e9);
  }

  private static void heap(long maxTracked) {
    MutableClock clock = new MutableClock();
    GuardConfig c = TestConfigs.with(List.of(), maxTracked, "bench");
    long before = used();
    AbuseGuard guard = new AbuseGuard(c, clock, new BanList(), BanSink.LOCAL, new GuardMetrics(new PrometheusRegistry()));
    int n = 1_000_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ClientAddress ip = ClientAddress.parse((1 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255) + ".7");
      guard.before(ip, "victim" + (i % 50_000) + "@example.com", 1);
      guard.failed(ip, "victim" + (i % 50_000) + "@example.com", i);
      if ((i & 1023) == 0) {
        clock.advance(Duration.ofMillis(100));
      }
    }
    long nanos = System.nanoTime() - t0;
    guard.cleanUp();
    long after = used();
    System.out.printf(Locale.ROOT, "1,000,000 distinct attacking IPs (50,000 accounts), max-tracked %d: "
        + "retained %.1f MiB, %.2f us per before()+failed() incl. address parsing%n", maxTracked,
        (after - before) / 1048576.0, nanos / 1000.0 / n);
    System.out.println("keep-alive " + guard.hashCode());
  }

  private static long used() {
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
