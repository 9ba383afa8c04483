package io.cphub.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several writers commit thousands of route changes while the proxy's feed connection is killed
 * again and again and the (dedicated, throw-away) PostgreSQL is restarted once; at the end the
 * proxy's table equals the database exactly.
 */
class FeedChaosTest {
  static final int WRITERS = 4;
  static final int TX_PER_WRITER = 300;
  static final int SERVERS = 6;

  @TempDir
  Path dir;

  EmbeddedPostgres start(Path data, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
        .setServerConfig("fsync", "off").start();
  }

  @Test
  void tableEqualsDatabase_afterKillsRestartAndThousandsOfChanges() throws Exception {
    Path data = Files.createDirectories(dir.resolve("pg"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    EmbeddedPostgres pg = start(data, port);
    FeedFollower follower = null;
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    try {
      Migrations.migrate(url, "postgres", "postgres");
      List<Integer> servers = new ArrayList<>();
      try (FeedWriter w = new FeedWriter(DriverManager.getConnection(url, "postgres", "postgres"))) {
        for (int i = 0; i < SERVERS; i++) {
          servers.add(w.server("s" + i + ".chaos.test", "10.1.0." + (i + 1), null));
        }
      }
      LiveTable live = new LiveTable(Clock.systemUTC(), RouteTable.empty(java.time.Instant.now()), java.time.Instant.now());
      follower = new FeedFollower(new PgConnector(url, "postgres", "postgres", Duration.ofSeconds(2),
          Duration.ofSeconds(10)), new RouteSource(Clock.systemUTC()), live, Clock.systemUTC(),
          Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(500), 500, t -> { });
      follower.start();

      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger changes = new AtomicInteger();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int seed = w;
        writers.add(pool.submit(() -> write(url, servers, seed, changes)));
      }
      Future<?> killer = pool.submit(() -> {
        Random r = new Random(99);
        while (writing.get()) {
          try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
              Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cphub-proxy'");
          } catch (SQLException e) {
            // the server is restarting: try again shortly
          }
          pause(100 + r.nextInt(200));
        }
        return null;
      });
      while (changes.get() < 1500) {
        pause(20);
      }
      pg.close();
      pause(300);
      pg = start(data, port);
      for (Future<?> f : writers) {
        f.get(120, TimeUnit.SECONDS);
      }
      writing.set(false);
      killer.get(30, TimeUnit.SECONDS);
      assertThat(changes.get()).isGreaterThan(3000);

      long head = headVersion(url);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (live.current().version() != head && System.nanoTime() < deadline) {
        pause(20);
      }
      assertThat(live.current().version()).isEqualTo(head);
      assertEquals(url, live.current());
    } finally {
      pool.shutdownNow();
      if (follower != null) {
        follower.close();
      }
      pg.close();
    }
  }

  private static Void write(String url, List<Integer> servers, int seed, AtomicInteger changes) throws Exception {
    Random r = new Random(seed);
    FeedWriter w = null;
    int done = 0;
    while (done < TX_PER_WRITER) {
      List<FeedWriter.Op> ops = new ArrayList<>();
      int n = 1 + r.nextInt(5);
      for (int i = 0; i < n; i++) {
        int kind = r.nextInt(20);
        Integer server = r.nextInt(5) == 0 ? null : servers.get(r.nextInt(servers.size()));
        if (kind == 0) {
          int s = servers.get(r.nextInt(servers.size()));
          ops.add(FeedWriter.Op.address(s, "10.2." + r.nextInt(250) + "." + (1 + r.nextInt(250))));
        } else if (kind < 5) {
          ops.add(FeedWriter.Op.account("user" + r.nextInt(300), server));
        } else {
          ops.add(FeedWriter.Op.domain("d" + r.nextInt(2000) + ".chaos.example", server));
        }
      }
      ops = dedupe(ops);
      try {
        if (w == null) {
          w = new FeedWriter(DriverManager.getConnection(url, "postgres", "postgres"));
        }
        w.commit(ops);
        changes.addAndGet(ops.size());
        done++;
      } catch (SQLException e) {
        if (w != null) {
          try {
            w.close();
          } catch (SQLException ignored) {
            // already broken
          }
        }
        w = null;
        pause(50);
      }
    }
    if (w != null) {
      w.close();
    }
    return null;
  }

  /** One op per key per transaction, as the registry's writer does. */
  private static List<FeedWriter.Op> dedupe(List<FeedWriter.Op> ops) {
    Map<String, FeedWriter.Op> last = new HashMap<>();
    for (FeedWriter.Op op : ops) {
      last.put(op.kind() + "/" + op.key(), op);
    }
    return new ArrayList<>(last.values());
  }

  private static long headVersion(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM feed_head")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void assertEquals(String url, RouteTable t) throws SQLException {
    Map<String, Integer> domains = new HashMap<>();
    Map<String, Integer> accounts = new HashMap<>();
    Map<Integer, String> addresses = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT domain, server_id FROM route")) {
        while (rs.next()) {
          domains.put(rs.getString(1), rs.getInt(2));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT username, server_id FROM account_route")) {
        while (rs.next()) {
          accounts.put(rs.getString(1), rs.getInt(2));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT id, host(address) FROM server")) {
        while (rs.next()) {
          addresses.put(rs.getInt(1), rs.getString(2));
        }
      }
    }
    Map<String, Integer> seenDomains = new HashMap<>();
    t.forEachDomain(seenDomains::put);
    Map<String, Integer> seenAccounts = new HashMap<>();
    t.forEachAccount(seenAccounts::put);
    Map<Integer, String> seenAddresses = new HashMap<>();
    t.servers().forEach((id, b) -> seenAddresses.put(id, b.address()));
    assertThat(domains).isNotEmpty();
    assertThat(diff(seenDomains, domains)).isEmpty();
    assertThat(diff(seenAccounts, accounts)).isEmpty();
    assertThat(seenAddresses).isEqualTo(addresses);
  }

  /** Keys whose values differ, as "key: proxy=a db=b", so a failure shows only what is wrong. */
  private static <K, V> List<String> diff(Map<K, V> proxy, Map<K, V> db) {
    List<String> out = new ArrayList<>();
    java.util.Set<K> keys = new java.util.HashSet<>(proxy.keySet());
    keys.addAll(db.keySet());
    for (K k : keys) {
      if (!java.util.Objects.equals(proxy.get(k), db.get(k))) {
        out.add(k + ": proxy=" + proxy.get(k) + " db=" + db.get(k));
      }
    }
    return out;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
