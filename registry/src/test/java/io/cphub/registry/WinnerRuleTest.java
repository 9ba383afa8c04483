package io.cphub.registry;

import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.PinRequest;
import io.cphub.model.wire.ServerPatch;
import io.cphub.registry.store.Database;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who wins a domain (and a username) claimed by several servers, against real PostgreSQL. */
class WinnerRuleTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Services s;

  @BeforeEach
  void setUp() throws Exception {
    try (var c = PG.db().connect(); var st = c.createStatement()) {
      st.execute("TRUNCATE pin, route, account_route, change_log, domain_claim, account, server, contest CASCADE;"
          + "UPDATE feed_head SET version = 0; UPDATE contest_count SET contests = 0");
    }
    s = Services.create(Database.jdbi(PG.db().dataSource()), clock, 0.2);
    for (String name : new String[] {"s1.hoster.test", "s2.hoster.test", "s3.hoster.test"}) {
      s.servers().enrol(enrol(name, "10.0.0." + name.charAt(1)), Fixtures.OP, null);
    }
  }

  @Test
  void singleClaim_routesToItsServer() throws Exception {
    ChangeSummary r = s.claims().putSnapshot("s1.hoster.test", snapshot(account("alice", false, "Alice.Example.", "*.alice.example")), false);
    assertThat(r.routesChanged()).isEqualTo(2);
    assertThat(Fixtures.routes(PG.db())).containsExactly(java.util.Map.entry("alice.example", "s1.hoster.test"));
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("alice", "s1.hoster.test");
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(2);
  }

  @Test
  void newerClaim_waitsAsContest_andTakesOverWhenTheStandingClaimGoesAway() throws Exception {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("alice", false, "alice.example")), false);
    clock.advance(Duration.ofMinutes(5));
    ChangeSummary newcomer = s.claims().putSnapshot("s2.hoster.test", snapshot(account("alice", false, "alice.example")), false);
    assertThat(newcomer.routesChanged()).isZero();
    assertThat(Fixtures.routes(PG.db())).containsEntry("alice.example", "s1.hoster.test");
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("alice", "s1.hoster.test");
    assertThat(s.routes().conflicts()).singleElement().satisfies(c -> {
      assertThat(c.winner()).isEqualTo("s1.hoster.test");
      assertThat(c.claims()).hasSize(2);
      assertThat(c.reason()).contains("standing");
    });
    assertThat(s.contests().contests()).extracting(c -> c.kind() + " " + c.name())
        .containsExactly("domain alice.example", "account alice");
    long before = Fixtures.feedVersion(PG.db());
    s.claims().deleteAccount("s1.hoster.test", "alice");
    assertThat(Fixtures.routes(PG.db())).containsEntry("alice.example", "s2.hoster.test");
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("alice", "s2.hoster.test");
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(before + 2);
    assertThat(s.contests().contests()).isEmpty();
  }

  @Test
  void suspendedStanding_losesToNonSuspendedNewcomer_suspendedNewcomerNeverWins() throws Exception {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("bob", false, "bob.example")), false);
    clock.advance(Duration.ofMinutes(5));
    ChangeSummary r = s.claims().putSnapshot("s2.hoster.test", snapshot(account("bob", true, "bob.example")), false);
    assertThat(r.routesChanged()).isZero();
    assertThat(Fixtures.routes(PG.db())).containsEntry("bob.example", "s1.hoster.test");
    assertThat(s.routes().conflicts().get(0).reason()).contains("not suspended");
    assertThat(s.contests().contests().get(0).newcomers().get(0).why()).contains("suspended");
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("bob", true, "bob.example")), false);
    assertThat(Fixtures.routes(PG.db())).as("both suspended: the standing claim holds")
        .containsEntry("bob.example", "s1.hoster.test");
    s.claims().putSnapshot("s2.hoster.test", snapshot(account("bob", false, "bob.example")), false);
    assertThat(Fixtures.routes(PG.db())).containsEntry("bob.example", "s2.hoster.test");
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("bob", "s2.hoster.test");
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("bob", false, "bob.example")), false);
    assertThat(Fixtures.routes(PG.db())).as("the old claim, unsuspended, is not a newcomer")
        .containsEntry("bob.example", "s2.hoster.test");
  }

  @Test
  void pin_beatsTheRule_andUnpinReturnsToTheStandingClaim() throws Exception {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("carol", false, "carol.example")), false);
    clock.advance(Duration.ofMinutes(5));
    s.claims().putSnapshot("s2.hoster.test", snapshot(account("carol", false, "carol.example")), false);
    ChangeSummary pinned = s.routes().pin("carol.example", new PinRequest("S2.Hoster.Test", "newcomer is right"), Fixtures.OP);
    assertThat(pinned.routesChanged()).isEqualTo(1);
    assertThat(Fixtures.routes(PG.db())).containsEntry("carol.example", "s2.hoster.test");
    assertThat(s.routes().conflicts().get(0).reason()).contains("pinned");
    assertThat(s.contests().contests()).extracting(c -> c.name()).containsExactly("carol");
    assertThat(s.routes().pin("carol.example", new PinRequest("s2.hoster.test", "again"), Fixtures.OP).routesChanged()).isZero();
    assertThatThrownBy(() -> s.routes().pin("carol.example", new PinRequest("s3.hoster.test", "x"), Fixtures.OP))
        .isInstanceOf(ConflictException.class).hasMessageContaining("does not claim");
    s.routes().unpin("carol.example", Fixtures.OP, null);
    assertThat(Fixtures.routes(PG.db())).containsEntry("carol.example", "s1.hoster.test");
    assertThat(s.contests().contests()).extracting(c -> c.name()).containsExactly("carol.example", "carol");
    assertThatThrownBy(() -> s.routes().unpin("carol.example", Fixtures.OP, null)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void retiredServer_neverRoutes_drainingStillDoes() throws Exception {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("dave", false, "dave.example")), false);
    clock.advance(Duration.ofMinutes(5));
    s.claims().putSnapshot("s2.hoster.test", snapshot(account("dave", false, "dave.example")), false);
    s.servers().patch("s1.hoster.test", new ServerPatch("draining", null, null, null, null), Fixtures.OP, null);
    assertThat(Fixtures.routes(PG.db())).containsEntry("dave.example", "s1.hoster.test");
    s.servers().patch("s1.hoster.test", new ServerPatch("retired", null, null, null, null), Fixtures.OP, null);
    assertThat(Fixtures.routes(PG.db())).containsEntry("dave.example", "s2.hoster.test");
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("dave", "s2.hoster.test");
    assertThat(s.contests().contests()).isEmpty();
    s.servers().patch("s2.hoster.test", new ServerPatch("retired", null, null, null, null), Fixtures.OP, null);
    assertThat(Fixtures.routes(PG.db())).isEmpty();
    assertThat(Fixtures.accountRoutes(PG.db())).isEmpty();
    assertThat(s.routes().lookup("dave.example")).isEmpty();
  }

  @Test
  void unchangedWinner_writesNoLogRows_andServerChangeIsLogged() throws Exception {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("erin", false, "erin.example", "erin.test")), false);
    long v = Fixtures.feedVersion(PG.db());
    clock.advance(Duration.ofMinutes(5));
    ChangeSummary older = s.claims().putSnapshot("s2.hoster.test", snapshot(account("erin", true, "erin.example")), false);
    assertThat(older.routesChanged()).isZero();
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(v);
    s.servers().patch("s1.hoster.test", new ServerPatch(null, "10.9.9.9", 1143, null, null), Fixtures.OP, null);
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(v + 1);
    try (var c = PG.db().connect(); var st = c.createStatement();
        var rs = st.executeQuery("SELECT kind, key FROM change_log ORDER BY version DESC LIMIT 1")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("server");
    }
    s.servers().patch("s1.hoster.test", new ServerPatch(null, "10.9.9.9", 1143, null, null), Fixtures.OP, null);
    assertThat(Fixtures.feedVersion(PG.db())).isEqualTo(v + 1);
  }

  @Test
  void routeVersion_isTheFeedVersionOfTheChangeThatSetIt() throws Exception {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("fay", false, "b.fay.example", "a.fay.example")), false);
    try (var c = PG.db().connect(); var st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM route r JOIN change_log l "
            + "ON l.kind = 'domain' AND l.key = r.domain AND l.version = r.version AND l.server_id = r.server_id")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
  }

  @Test
  void lookup_byAddress_mailServerUser_username_andDomain() {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("gina", false, "gina.example")), false);
    assertThat(s.routes().lookup("Info@GINA.example").orElseThrow().server()).isEqualTo("s1.hoster.test");
    assertThat(s.routes().lookup("info+gina.example").orElseThrow().account()).isEqualTo("gina");
    assertThat(s.routes().lookup("info+unknown.example")).isEmpty();
    assertThat(s.routes().lookup("GINA").orElseThrow().key()).isEqualTo("gina");
    assertThat(s.routes().lookup("gina.example").orElseThrow().address()).isEqualTo("10.0.0.1");
    assertThatThrownBy(() -> s.routes().lookup("a@b@c")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void routedServer_cannotBeDeletedNorRenumbered_soNoRouteDangles() throws Exception {
    s.claims().putSnapshot("s1.hoster.test", snapshot(account("hana", false, "hana.example")), false);
    try (var c = PG.db().connect(); var st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM server WHERE name = 's1.hoster.test'"))
          .hasMessageContaining("cannot be deleted");
      assertThatThrownBy(() -> st.execute("DELETE FROM server WHERE name = 's3.hoster.test'"))
          .hasMessageContaining("cannot be deleted");
      assertThatThrownBy(() -> st.execute("UPDATE server SET id = DEFAULT WHERE name = 's1.hoster.test'"))
          .hasMessageContaining("cannot change its id");
      assertThatThrownBy(() -> st.execute("INSERT INTO route (domain, server_id, username, version, "
          + "standing_server_id, standing_since) VALUES ('dangling.example', 999999, 'hana', 1, 999999, now())"))
          .hasMessageContaining("server id 999999");
      assertThatThrownBy(() -> st.execute("UPDATE route SET server_id = 999999 WHERE domain = 'hana.example'"))
          .hasMessageContaining("does not exist");
    }
    assertThat(Fixtures.routes(PG.db())).containsExactly(java.util.Map.entry("hana.example", "s1.hoster.test"));
  }
}
