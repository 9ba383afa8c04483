package io.cphub.registry;

import static io.cphub.registry.Fixtures.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.registry.store.Database;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers push the same domains at the same moment, round after round (each round adds one
 * domain on both and re-pushes the earlier ones): every domain routes once and never flaps, as
 * the change log shows, and the maintained contest count matches the contests.
 */
class ContestConcurrencyTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final int ROUNDS = 40;

  @Test
  void twoServersPushingTheSameDomainAtOnce_neverFlapTheRoute() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Services s = Services.create(Database.jdbi(PG.db().dataSource()), clock, 0.2);
    String[] servers = {"p1.hoster.test", "p2.hoster.test"};
    s.servers().enrol(enrol(servers[0], "10.0.0.1"), Fixtures.OP, null);
    s.servers().enrol(enrol(servers[1], "10.0.0.2"), Fixtures.OP, null);
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (String server : servers) {
        tasks.add(pool.submit(() -> {
          for (int round = 1; round <= ROUNDS; round++) {
            List<DomainEntry> domains = new ArrayList<>();
            domains.add(new DomainEntry("shared.example", DomainKind.MAIN));
            for (int d = 1; d <= round; d++) {
              domains.add(new DomainEntry("d" + d + ".shared.example", DomainKind.ADDON));
            }
            barrier.await(10, TimeUnit.SECONDS);
            if (server.equals(servers[0])) {
              clock.advance(Duration.ofMillis(1));
            }
            s.claims().putAccount(server, "shared", new AccountPush(
                new AccountEntry("shared", "shared.example", round % 2 == 0 ? "root" : "reseller", false, domains), null));
          }
          return null;
        }));
      }
      for (Future<?> t : tasks) {
        t.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Integer> rowsPerKey = new HashMap<>();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, count(*) FROM change_log GROUP BY key")) {
      while (rs.next()) {
        rowsPerKey.put(rs.getString(1), rs.getInt(2));
      }
    }
    assertThat(rowsPerKey).hasSize(ROUNDS + 2);
    assertThat(rowsPerKey.values()).as("each key's route written once, never moved").containsOnly(1);
    assertThat(Fixtures.routes(PG.db())).hasSize(ROUNDS + 1);
    assertThat(s.routes().conflicts()).hasSize(ROUNDS + 1);
    assertThat(Fixtures.number(PG.db(), "SELECT count(*) FROM route WHERE standing_server_id <> server_id")).isZero();
    assertThat(Fixtures.number(PG.db(), "SELECT contests FROM contest_count"))
        .isEqualTo(Fixtures.count(PG.db(), "contest")).isEqualTo(s.contests().contests().size());
  }
}
