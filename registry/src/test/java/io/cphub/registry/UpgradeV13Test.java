package io.cphub.registry;

import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.registry.store.Database;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upgrading to V13 keeps every route where it is: a database at V12 with routes chosen by the old
 * rule (most recently first seen wins, a pin, a suspended loser) is migrated, and neither the
 * migration nor the next pushes move anything (the suspended newer claim, unsuspended, now waits
 * where the old rule would have moved the route to it).
 */
class UpgradeV13Test {
  @RegisterExtension
  static final PostgresExtension PG = PostgresExtension.empty();

  @Test
  void migratingFromV12_marksTodaysWinnersStanding_andNothingMoves() throws Exception {
    Flyway.configure().dataSource(PG.db().dataSource()).locations("classpath:db/migration").target("12").load()
        .migrate();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      st.execute("INSERT INTO server (name, address, token_hash) VALUES "
          + "('old.hoster.test', '10.0.0.1', decode(repeat('11', 32), 'hex')), "
          + "('new.hoster.test', '10.0.0.2', decode(repeat('22', 32), 'hex'))");
      st.execute("INSERT INTO account (server_id, username, primary_domain, owner, suspended, first_seen) VALUES "
          + "(1, 'moved', 'moved.example', 'root', false, '2025-01-01Z'), "
          + "(2, 'moved', 'moved.example', 'root', false, '2025-06-01Z'), "
          + "(1, 'pinned', 'pinned.example', 'root', false, '2025-01-01Z'), "
          + "(2, 'pinned', 'pinned.example', 'root', false, '2025-06-01Z'), "
          + "(1, 'held', 'held.example', 'root', false, '2025-01-01Z'), "
          + "(2, 'held', 'held.example', 'root', true, '2025-06-01Z')");
      st.execute("INSERT INTO domain_claim (domain, server_id, username, kind, first_seen) VALUES "
          + "('moved.example', 1, 'moved', 'main', '2025-01-01Z'), ('moved.example', 2, 'moved', 'main', '2025-06-01Z'), "
          + "('pinned.example', 1, 'pinned', 'main', '2025-01-01Z'), ('pinned.example', 2, 'pinned', 'main', '2025-06-01Z'), "
          + "('held.example', 1, 'held', 'main', '2025-01-01Z'), ('held.example', 2, 'held', 'main', '2025-06-01Z')");
      st.execute("INSERT INTO pin (kind, key, server_id, reason) VALUES ('domain', 'pinned.example', 1, 'rollback')");
      st.execute("INSERT INTO route (domain, server_id, username, version) VALUES "
          + "('moved.example', 2, 'moved', 1), ('pinned.example', 1, 'pinned', 2), ('held.example', 1, 'held', 3)");
      st.execute("INSERT INTO account_route (username, server_id, version) VALUES "
          + "('moved', 2, 4), ('pinned', 2, 5), ('held', 1, 6)");
      st.execute("INSERT INTO change_log (version, kind, key, server_id) SELECT g, 'domain', 'x' || g, 1 "
          + "FROM generate_series(1, 6) g");
      st.execute("UPDATE feed_head SET version = 6");
    }
    Map<String, String> routes = Fixtures.routes(PG.db());
    Map<String, String> accountRoutes = Fixtures.accountRoutes(PG.db());

    Flyway.configure().dataSource(PG.db().dataSource()).locations("classpath:db/migration").load().migrate();
    assertThat(Fixtures.routes(PG.db())).isEqualTo(routes);
    assertThat(Fixtures.accountRoutes(PG.db())).isEqualTo(accountRoutes);
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(6);
    assertThat(Fixtures.number(PG.db(), "SELECT standing_server_id FROM route WHERE domain = 'pinned.example'"))
        .as("a pinned domain's standing claim is what the old rule chose without the pin").isEqualTo(2);
    assertThat(Fixtures.number(PG.db(), "SELECT contests FROM contest_count"))
        .as("held.example and held: the suspended newer claim waits").isEqualTo(2);

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Services s = Services.create(Database.jdbi(PG.db().dataSource()), clock, 0.2);
    for (String server : new String[] {"old.hoster.test", "new.hoster.test"}) {
      clock.advance(Duration.ofMinutes(1));
      s.claims().putSnapshot(server, snapshot(account("moved", false, "moved.example"),
          account("pinned", false, "pinned.example"), account("held", false, "held.example")), false);
    }
    assertThat(Fixtures.number(PG.db(), "SELECT count(*) FROM account WHERE suspended")).isZero();
    assertThat(Fixtures.routes(PG.db())).isEqualTo(routes);
    assertThat(Fixtures.accountRoutes(PG.db())).isEqualTo(accountRoutes);
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(6);
    s.routes().unpin("pinned.example", Fixtures.OP, null);
    assertThat(Fixtures.routes(PG.db())).containsEntry("pinned.example", "new.hoster.test");
    assertThat(s.contests().contests()).extracting(c -> c.kind() + " " + c.name())
        .containsExactlyInAnyOrder("domain held.example", "account held");
  }
}
