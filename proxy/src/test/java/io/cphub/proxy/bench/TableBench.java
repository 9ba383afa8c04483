package io.cphub.proxy.bench;

import io.cphub.proxy.route.RouteSource;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.route.TableFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/** 1,000,000 domains: load time from PostgreSQL, heap of the table, table-file write/read time. */
public final class TableBench {
  public static void main(String[] args) throws Exception {
    int domains = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (BenchDatabase db = new BenchDatabase()) {
      long t0 = System.nanoTime();
      db.fill(300, domains, 100_000);
      System.out.printf("filled %d domains, 100000 accounts, 300 servers in %d ms%n", domains, ms(t0));
      long before = usedAfterGc();
      RouteTable table = null;
      long[] loads = new long[5];
      for (int i = 0; i < loads.length; i++) {
        table = null;
        usedAfterGc();
        long s = System.nanoTime();
        try (Connection c = db.connect()) {
          table = new RouteSource(Clock.systemUTC()).snapshot(c);
        }
        loads[i] = ms(s);
      }
      long after = usedAfterGc();
      System.out.printf("load from PostgreSQL (ms, 5 runs): %s, median %d%n", Arrays.toString(loads), median(loads));
      System.out.printf("heap held by the table: %.1f MB, %.0f bytes per route (%d domains + %d accounts)%n",
          (after - before) / 1e6, (after - before) / (double) (table.domainCount() + table.accountCount()),
          table.domainCount(), table.accountCount());
      Path f = Files.createTempFile("routes", ".bin");
      long w = System.nanoTime();
      TableFile.write(f, table, Instant.now());
      long wms = ms(w);
      long r = System.nanoTime();
      RouteTable back = TableFile.read(f).table();
      System.out.printf("table file: %.1f MB, write %d ms, read %d ms (%d domains)%n", Files.size(f) / 1e6, wms, ms(r),
          back.domainCount());
      Files.delete(f);
    }
  }

  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
