package io.cphub.proxy.bench;

import io.cphub.proxy.route.FeedFollower;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteSource;
import io.cphub.proxy.route.RouteTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Registry commit → proxy table updated: 1,000 single-route commits (written as the registry
 * contract says, with pg_notify), each timed from commit() returning until the live table holds
 * that version. The follower's safety poll is 2 s, so the figures are NOTIFY-driven.
 */
public final class PropagationBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int domains = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    try (BenchDatabase db = new BenchDatabase()) {
      db.fill(300, domains, 0);
      LiveTable live = new LiveTable(Clock.systemUTC(), RouteTable.empty(Instant.now()), Instant.now());
      FeedFollower f = new FeedFollower(() -> DriverManager.getConnection(db.url), new RouteSource(Clock.systemUTC()),
          live, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(5), 10_000, t -> { });
      f.start();
      while (live.current().version() < 1) {
        Thread.sleep(10);
      }
      long[] micros = new long[n];
      try (Connection c = db.connect()) {
        c.setAutoCommit(false);
        for (int i = 0; i < n; i++) {
          String domain = "customer" + (1 + i * 7919 % domains) + ".example-hosting.com";
          try (PreparedStatement up = c.prepareStatement("UPDATE route SET server_id = 1 + (server_id % 300) WHERE domain = ? RETURNING server_id")) {
            up.setString(1, domain);
            int server;
            try (ResultSet rs = up.executeQuery()) {
              rs.next();
              server = rs.getInt(1);
            }
            long v;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "UPDATE feed_head SET version = version + 1 RETURNING version")) {
              rs.next();
              v = rs.getLong(1);
            }
            try (PreparedStatement log = c.prepareStatement(
                "INSERT INTO change_log (version, kind, key, server_id) VALUES (?, 'domain', ?, ?)")) {
              log.setLong(1, v);
              log.setString(2, domain);
              log.setInt(3, server);
              log.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
              s.execute("SELECT pg_notify('cphub_routes', '" + v + "')");
            }
            c.commit();
            long t0 = System.nanoTime();
            while (live.current().version() < v) {
              Thread.onSpinWait();
            }
            micros[i] = (System.nanoTime() - t0) / 1000;
          }
        }
      }
      f.close();
      Arrays.sort(micros);
      System.out.printf("propagation over %d commits (%d routes in table): median %.2f ms, p99 %.2f ms, max %.2f ms%n",
          n, domains, micros[n / 2] / 1000.0, micros[(int) (n * 0.99)] / 1000.0, micros[n - 1] / 1000.0);
    }
  }
}
