package io.cphub.registry;

import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.entry;
import static io.cphub.registry.Fixtures.log;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Contest;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.registry.store.Database;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standing claim keeps the route (issue 11 point 1): a reseller's claim on a live customer's
 * domain or username waits as a contest; a WHM transfer moves the route at once; a move without
 * transfer evidence moves when the source removes the account. Against real PostgreSQL.
 */
class ContestRuleTest {
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
    s.servers().enrol(enrol("a.hoster.test", "10.0.0.1"), Fixtures.OP, null);
    s.servers().enrol(enrol("b.hoster.test", "10.0.0.2"), Fixtures.OP, null);
    s.claims().putSnapshot("a.hoster.test", snapshot(entry("alice", false, new DomainEntry("one.example", DomainKind.MAIN),
        new DomainEntry("shop.example", DomainKind.ADDON), new DomainEntry("alias.example", DomainKind.PARKED))), false);
    clock.advance(Duration.ofHours(1));
  }

  @Test
  void resellerClaimingALiveCustomersDomainAddonParkedAndUsername_leavesEveryRouteAlone_andOpensContests()
      throws Exception {
    Map<String, String> before = Fixtures.routes(PG.db());
    long version = Fixtures.feedVersion(PG.db());
    ChangeSummary r = s.claims().putAccount("b.hoster.test", "mallory", new AccountPush(entry("mallory", false,
        new DomainEntry("mallory.example", DomainKind.MAIN), new DomainEntry("one.example", DomainKind.ADDON),
        new DomainEntry("shop.example", DomainKind.ADDON), new DomainEntry("alias.example", DomainKind.PARKED)), null));
    assertThat(r.routesChanged()).as("only mallory's own domain and username route").isEqualTo(2);
    s.claims().putAccount("b.hoster.test", "alice", new AccountPush(account("alice", false, "alice-b.example"), null));
    assertThat(Fixtures.routes(PG.db())).containsAllEntriesOf(before)
        .containsEntry("mallory.example", "b.hoster.test").containsEntry("alice-b.example", "b.hoster.test");
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("alice", "a.hoster.test");
    for (String key : new String[] {"one.example", "shop.example", "alias.example", "alice"}) {
      assertThat(log(PG.db(), key)).as(key).singleElement().asString().endsWith(" a.hoster.test");
    }
    assertThat(Fixtures.feedVersion(PG.db())).as("mallory.example, mallory, alice-b.example").isEqualTo(version + 3);
    assertThat(s.contests().contests()).extracting(c -> c.kind() + " " + c.name() + " " + c.standing().server())
        .containsExactlyInAnyOrder("domain one.example a.hoster.test", "domain shop.example a.hoster.test",
            "domain alias.example a.hoster.test", "account alice a.hoster.test");
    Contest one = s.contests().contests().stream().filter(c -> c.name().equals("one.example")).findFirst().orElseThrow();
    assertThat(one.since()).isEqualTo(clock.instant());
    assertThat(one.standingSince()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(one.newcomers()).singleElement().satisfies(n -> {
      assertThat(n.server()).isEqualTo("b.hoster.test");
      assertThat(n.account()).isEqualTo("mallory");
      assertThat(n.kind()).isEqualTo("addon");
      assertThat(n.transferred()).isFalse();
      assertThat(n.why()).contains("no WHM transfer or restore");
    });
    assertThat(Fixtures.number(PG.db(), "SELECT contests FROM contest_count")).isEqualTo(4);
    clock.advance(Duration.ofDays(30));
    s.claims().putAccount("b.hoster.test", "mallory", new AccountPush(entry("mallory", false,
        new DomainEntry("mallory.example", DomainKind.MAIN), new DomainEntry("one.example", DomainKind.ADDON)), null));
    assertThat(Fixtures.routes(PG.db())).as("age does not make a newcomer win").containsEntry("one.example", "a.hoster.test");
    assertThat(Fixtures.number(PG.db(), "SELECT contests FROM contest_count")).isEqualTo(2);
  }

  @Test
  void whmTransfer_restoreOnTheDestinationMovesAtOnce_removalAtTheSourceChangesNothingMore() throws Exception {
    ChangeSummary restored = s.claims().putAccount("b.hoster.test", "alice", new AccountPush(entry("alice", false,
        new DomainEntry("one.example", DomainKind.MAIN), new DomainEntry("shop.example", DomainKind.ADDON),
        new DomainEntry("alias.example", DomainKind.PARKED)).asTransferred(), null));
    assertThat(restored.routesChanged()).isEqualTo(4);
    assertThat(Fixtures.routes(PG.db())).containsOnly(Map.entry("one.example", "b.hoster.test"),
        Map.entry("shop.example", "b.hoster.test"), Map.entry("alias.example", "b.hoster.test"));
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("alice", "b.hoster.test");
    assertThat(s.contests().contests()).as("the source is not a newcomer").isEmpty();
    ChangeSummary removed = s.claims().deleteAccount("a.hoster.test", "alice");
    assertThat(removed.routesChanged()).isZero();
    assertThat(log(PG.db(), "one.example")).containsExactly("domain one.example a.hoster.test",
        "domain one.example b.hoster.test");
    assertThat(s.routes().conflicts()).isEmpty();
    assertThat(Fixtures.number(PG.db(), "SELECT contests FROM contest_count")).isZero();
  }

  @Test
  void transferEvidence_countsOnlyWhenTheClaimIsFirstSeen() throws Exception {
    s.claims().putAccount("b.hoster.test", "mallory", new AccountPush(entry("mallory", false,
        new DomainEntry("mallory.example", DomainKind.MAIN), new DomainEntry("one.example", DomainKind.ADDON)), null));
    clock.advance(Duration.ofMinutes(1));
    ChangeSummary late = s.claims().putAccount("b.hoster.test", "mallory", new AccountPush(entry("mallory", false,
        new DomainEntry("mallory.example", DomainKind.MAIN), new DomainEntry("one.example", DomainKind.ADDON))
        .asTransferred(), null));
    assertThat(late.routesChanged()).isZero();
    assertThat(Fixtures.routes(PG.db())).containsEntry("one.example", "a.hoster.test");
    s.claims().putSnapshot("b.hoster.test", snapshot(entry("mallory", false,
        new DomainEntry("mallory.example", DomainKind.MAIN), new DomainEntry("one.example", DomainKind.ADDON))
        .asTransferred()), false);
    assertThat(Fixtures.routes(PG.db())).containsEntry("one.example", "a.hoster.test");
  }

  @Test
  void moveWithoutTransferEvidence_waits_thenMovesWhenTheSourceRemovesTheAccount() throws Exception {
    s.claims().putSnapshot("b.hoster.test", snapshot(account("alice", false, "one.example", "shop.example")), false);
    assertThat(Fixtures.routes(PG.db())).containsEntry("one.example", "a.hoster.test");
    assertThat(s.contests().contests()).hasSize(3);
    clock.advance(Duration.ofMinutes(10));
    ChangeSummary removed = s.claims().deleteAccount("a.hoster.test", "alice");
    assertThat(removed.routesChanged()).as("one.example, shop.example, the username; alias.example goes").isEqualTo(4);
    assertThat(Fixtures.routes(PG.db())).containsOnly(Map.entry("one.example", "b.hoster.test"),
        Map.entry("shop.example", "b.hoster.test"));
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("alice", "b.hoster.test");
    assertThat(s.contests().contests()).isEmpty();
    assertThat(Fixtures.number(PG.db(), "SELECT contests FROM contest_count")).isZero();
  }

  @Test
  void suspendingTheStandingAccount_handsTheRouteToTheWaitingNewcomer_andClosesTheContest() throws Exception {
    s.claims().putSnapshot("b.hoster.test", snapshot(account("alice", false, "one.example")), false);
    s.claims().putSnapshot("a.hoster.test", snapshot(entry("alice", true, new DomainEntry("one.example", DomainKind.MAIN),
        new DomainEntry("shop.example", DomainKind.ADDON), new DomainEntry("alias.example", DomainKind.PARKED))), false);
    assertThat(Fixtures.routes(PG.db())).containsEntry("one.example", "b.hoster.test")
        .containsEntry("shop.example", "a.hoster.test");
    assertThat(Fixtures.accountRoutes(PG.db())).containsEntry("alice", "b.hoster.test");
    assertThat(s.contests().contests()).isEmpty();
  }
}
