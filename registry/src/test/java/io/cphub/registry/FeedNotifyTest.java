package io.cphub.registry;

import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.registry.store.ClaimDao;
import io.cphub.registry.store.Database;
import io.cphub.registry.store.FeedWriter;
import io.cphub.registry.store.ServerDao;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NOTIFY goes out with a committed change and never with a rolled-back one. */
class FeedNotifyTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @Test
  void listenerGetsCommittedVersion_andNothingForRollback() throws Exception {
    Jdbi jdbi = Database.jdbi(PG.db().dataSource());
    Services s = Services.create(jdbi, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), 0.2);
    s.servers().enrol(enrol("s1.hoster.test", "10.0.0.1"), Fixtures.OP, null);
    try (FeedListener listener = new FeedListener(PG.db())) {
      s.claims().putSnapshot("s1.hoster.test", snapshot(account("alice", false, "alice.example")), false);
      assertThat(waitFor(listener, 1)).containsExactly("2");

      class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
      }
      long[] written = new long[1];
      assertThatThrownBy(() -> jdbi.useTransaction(h -> {
        int id = h.attach(ServerDao.class).byName("s1.hoster.test").orElseThrow().id();
        String now = Instant.parse("2026-01-02T00:00:00Z").toString();
        ClaimDao claims = h.attach(ClaimDao.class);
        claims.insertAccounts(id, new String[] {"bob"}, new String[] {"bob.example"}, new String[] {"root"},
            new Boolean[] {false}, new String[] {now}, OffsetDateTime.now(ZoneOffset.UTC), new Boolean[] {false});
        claims.insertClaims(id, new String[] {"bob.example"}, new String[] {"bob"}, new String[] {"main"},
            new String[] {now}, new Boolean[] {false});
        written[0] = new FeedWriter().recompute(h, List.of("bob.example"), List.of("bob"), List.of()).version();
        throw new Rollback();
      })).isInstanceOf(Rollback.class);
      assertThat(written[0]).isEqualTo(4);
      assertThat(listener.poll(500)).isEmpty();
      assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(2);
      assertThat(Fixtures.count(PG.db(), "change_log")).isEqualTo(2);

      s.claims().putSnapshot("s1.hoster.test",
          snapshot(account("alice", false, "alice.example"), account("carol", false, "carol.example")), false);
      assertThat(waitFor(listener, 1)).containsExactly("4");
    }
  }

  private static List<String> waitFor(FeedListener l, int n) throws Exception {
    List<String> got = new ArrayList<>();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (got.size() < n && System.nanoTime() < deadline) {
      got.addAll(l.poll(200));
    }
    return got;
  }
}
