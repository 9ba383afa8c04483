package io.cphub.registry;

import static io.cphub.registry.Fixtures.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.model.wire.Snapshot;
import io.cphub.registry.store.Candidate;
import io.cphub.registry.store.CurrentRoute;
import io.cphub.registry.store.Database;
import io.cphub.registry.store.WinnerRule;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several writers push overlapping snapshots at once while a reader follows the feed from version
 * 0 (LISTEN, then catch up from change_log on every wake-up and on a short poll). The reader must
 * see every version exactly once and in order, and its replayed maps must equal the tables; the
 * route table must equal the winner rule applied to the claims left at the end (two servers
 * claiming one domain at once must not both win, nor leave a stale winner).
 */
class ConcurrentFeedTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final int WRITERS = 4;
  static final int ROUNDS = 20;
  static final int POOL = 80;

  @Test
  void readerReplayEqualsRouteTable_withEveryVersionOnceInOrder() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Services s = Services.create(Database.jdbi(PG.db().dataSource()), clock, 0.2);
    for (int w = 0; w < WRITERS; w++) {
      s.servers().enrol(enrol("s" + w + ".hoster.test", "10.0.0." + (w + 1)), Fixtures.OP, null);
    }
    Reader reader = new Reader();
    try (FeedListener listener = new FeedListener(PG.db())) {
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
      Future<?> readerTask = pool.submit(() -> {
        while (!done.get()) {
          listener.poll(100);
          reader.catchUp(listener.connection());
        }
        reader.catchUp(listener.connection());
        return null;
      });
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int id = w;
        writers.add(pool.submit(() -> {
          Random rnd = new Random(42 + id);
          for (int round = 0; round < ROUNDS; round++) {
            clock.advance(Duration.ofSeconds(1));
            s.claims().putSnapshot("s" + id + ".hoster.test", randomSnapshot(rnd), true);
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get();
      }
      done.set(true);
      readerTask.get();
      pool.shutdown();
    }
    long head = Fixtures.feedVersion(PG.db());
    assertThat(head).isGreaterThan(100);
    assertThat(reader.seen).hasSize((int) head);
    for (int i = 0; i < reader.seen.size(); i++) {
      assertThat(reader.seen.get(i)).isEqualTo(i + 1L);
    }
    assertThat(reader.domains).isEqualTo(table("SELECT domain, server_id FROM route"));
    assertThat(reader.accounts).isEqualTo(table("SELECT username, server_id FROM account_route"));
    assertThat(reader.domains).isNotEmpty();
    Map<String, Instant> contests = new HashMap<>();
    assertThat(table("SELECT domain, server_id FROM route")).isEqualTo(winners(contests));
    Map<String, Instant> stored = new HashMap<>();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, since FROM contest WHERE kind = 'domain'")) {
      while (rs.next()) {
        stored.put(rs.getString(1), rs.getTimestamp(2).toInstant());
      }
    }
    assertThat(stored).isEqualTo(contests);
    assertThat(Fixtures.count(PG.db(), "contest")).isEqualTo(Fixtures.number(PG.db(),
        "SELECT contests FROM contest_count"));
  }

  /**
   * domain -> routed server by the winner rule applied once more to the claims and standing claims
   * as they are now (a fixed point: nothing would move), and the contests it sees.
   */
  private static Map<String, Integer> winners(Map<String, Instant> contests) throws Exception {
    Map<String, List<Candidate>> byDomain = new HashMap<>();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT c.domain, c.server_id, c.username, a.suspended, c.first_seen, s.state = 'retired', p.server_id, "
            + "c.transferred FROM domain_claim c JOIN account a USING (server_id, username) "
            + "JOIN server s ON s.id = c.server_id LEFT JOIN pin p ON p.kind = 'domain' AND p.key = c.domain "
            + "WHERE c.domain NOT LIKE '*%'")) {
      while (rs.next()) {
        Integer pinned = rs.getObject(7) == null ? null : rs.getInt(7);
        byDomain.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Candidate(rs.getString(1),
            rs.getInt(2), rs.getString(3), rs.getBoolean(4), rs.getTimestamp(5).toInstant(), rs.getBoolean(6), pinned,
            rs.getBoolean(8)));
      }
    }
    Map<String, CurrentRoute> routes = new HashMap<>();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT domain, server_id, username, standing_server_id, standing_since FROM route")) {
      while (rs.next()) {
        routes.put(rs.getString(1), new CurrentRoute(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
            rs.getTimestamp(5).toInstant()));
      }
    }
    Map<String, Integer> out = new HashMap<>();
    byDomain.forEach((d, claims) -> {
      WinnerRule.Verdict v = WinnerRule.verdict(d, claims, routes.get(d), null, null);
      if (v.route() != null) {
        out.put(d, v.route().serverId());
        assertThat(v.standing().serverId()).as("standing claim of %s", d).isEqualTo(routes.get(d).standingServerId());
      }
      if (v.contestSince() != null) {
        contests.put(d, v.contestSince());
      }
    });
    return out;
  }

  private static Snapshot randomSnapshot(Random rnd) {
    Map<String, List<DomainEntry>> byUser = new HashMap<>();
    for (int d = 0; d < POOL; d++) {
      if (rnd.nextInt(100) < 40) {
        String user = "u" + (d % 10);
        byUser.computeIfAbsent(user, k -> new ArrayList<>()).add(new DomainEntry("d" + d + ".example", DomainKind.ADDON));
      }
    }
    List<AccountEntry> accounts = new ArrayList<>();
    byUser.forEach((user, domains) -> accounts.add(
        new AccountEntry(user, domains.get(0).name(), "root", rnd.nextInt(10) == 0, domains)));
    return new Snapshot(accounts, new AgentState("t", null, 0, null));
  }

  private static Map<String, Integer> table(String sql) throws Exception {
    Map<String, Integer> m = new HashMap<>();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getInt(2));
      }
    }
    return m;
  }

  /** Replays change_log rows after its version; a gap fails the test. Used by one thread. */
  static final class Reader {
    final List<Long> seen = new ArrayList<>();
    final Map<String, Integer> domains = new HashMap<>();
    final Map<String, Integer> accounts = new HashMap<>();
    long local;

    void catchUp(Connection c) throws Exception {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT version, kind, key, server_id FROM change_log WHERE version > ? ORDER BY version")) {
        ps.setLong(1, local);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long v = rs.getLong(1);
            if (v != local + 1) {
              throw new AssertionError("gap: had " + local + ", next row " + v);
            }
            Map<String, Integer> target = rs.getString(2).equals("domain") ? domains
                : rs.getString(2).equals("account") ? accounts : null;
            int server = rs.getInt(4);
            if (target != null && rs.wasNull()) {
              target.remove(rs.getString(3));
            } else if (target != null) {
              target.put(rs.getString(3), server);
            }
            seen.add(v);
            local = v;
          }
        }
      }
    }
  }
}
