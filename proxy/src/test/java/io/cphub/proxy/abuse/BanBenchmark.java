package io.cphub.proxy.abuse;

import io.cphub.testkit.TestDatabase;
import io.cphub.testkit.TestDatabases;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks for proxy/BENCHMARKS.md ("Abuse guard: many bans"), not part of the build's tests:
 * the heap 100,000 bans in force take on a node, and how long a new node takes from start to
 * enforcing all of them (connect, LISTEN, full read into its ban list), against an empty ban table
 * measured in the same run. Needs the test classpath and a PostgreSQL (CPHUB_TEST_JDBC_URL); see
 * BENCHMARKS.md for the command. Arguments: {@code [bans] [rounds]}.
 */
final class BanBenchmark {
  private BanBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    heap(n);
    TestDatabase db = TestDatabases.createMigrated();
    try {
      List<Double> empty = new ArrayList<>();
      List<Double> full = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        fill(db, 0);
        empty.add(load(db, 0));
        fill(db, n);
        full.add(load(db, n));
        System.out.printf(Locale.ROOT, "round %d: new node enforcing 0 bans after %.0f ms, %d bans after %.0f ms%n",
            r + 1, empty.get(r), n, full.get(r));
      }
      System.out.printf(Locale.ROOT, "median: 0 bans %.0f ms, %d bans %.0f ms%n", median(empty), n, median(full));
    } finally {
      db.drop();
    }
  }

  private static void heap(int n) {
    Instant now = Instant.now();
    long before = used();
    BanList bans = new BanList();
    for (int i = 0; i < n; i++) {
      String key = ClientAddress.parse(String.format(Locale.ROOT, "2001:db8:%x:%x::1", i >> 16, i & 0xffff)).key();
      bans.putStored(new Ban(i + 1, Ban.Kind.IP, key, "ip-failures", 20, 20, 1, now, now.plus(Duration.ofHours(1)),
          "node-a"));
    }
    long after = used();
    System.out.printf(Locale.ROOT, "%d bans in force (IPv6 address keys): %.1f MiB retained, %.0f bytes per ban%n", n,
        (after - before) / 1048576.0, (after - before) / (double) n);
    System.out.println("keep-alive " + bans.countByKind(now));
  }

  private static void fill(TestDatabase db, int n) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DELETE FROM ban");
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO ban (kind, key, reason, failures, attempts,"
          + " created_at, expires_at, created_by) SELECT 'ip', host('2001:db8::'::inet + g), 'ip-failures', 20, 20,"
          + " now(), now() + interval '1 hour', 'bench' FROM generate_series(1, ?) AS g")) {
        ins.setInt(1, n);
        ins.executeUpdate();
      }
      st.execute("VACUUM ANALYZE ban");
    }
  }

  /** Milliseconds from start until the node is connected and enforces {@code n} bans. */
  private static double load(TestDatabase db, int n) throws Exception {
    Clock clock = Clock.systemUTC();
    long t0 = System.nanoTime();
    try (AbuseProtection p = AbuseProtection.start(TestConfigs.with(List.of(), 100_000, "bench"), db::connect, clock,
        new PrometheusRegistry())) {
      while (!p.connected() || p.guard().bans().countByKind(clock.instant()).get(Ban.Kind.IP) < n) {
        if (System.nanoTime() - t0 > Duration.ofMinutes(2).toNanos()) {
          throw new IllegalStateException("the node did not load " + n + " bans within 2 minutes");
        }
        Thread.sleep(1);
      }
      return (System.nanoTime() - t0) / 1e6;
    }
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
