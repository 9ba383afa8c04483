package io.cphub.registry.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.registry.ConflictException;
import io.cphub.registry.store.AccountRow;
import io.cphub.registry.store.ClaimRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimDiffTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");

  static ClaimSet stored() {
    return ClaimSet.of(
        List.of(new AccountRow("a", "a.example", "root", false, T0, false), new AccountRow("b", "b.example", "root", false, T0, false)),
        List.of(new ClaimRow("a.example", "a", "main", T0, false), new ClaimRow("x.example", "a", "addon", T0, false),
            new ClaimRow("b.example", "b", "main", T0, false), new ClaimRow("*.b.example", "b", "sub", T0, false)));
  }

  static ClaimSet desired(boolean bSuspended, String xOwner) {
    return ClaimSet.of(
        List.of(new AccountRow("a", "a.example", "root", false, null, false), new AccountRow("b", "b.example", "root", bSuspended, null, false)),
        List.of(new ClaimRow("a.example", "a", "main", null, false), new ClaimRow("x.example", xOwner, "addon", null, false),
            new ClaimRow("b.example", "b", "main", null, false), new ClaimRow("*.b.example", "b", "sub", null, false)));
  }

  @Test
  void sameClaims_diffIsEmpty() {
    assertThat(ClaimDiff.between(stored(), desired(false, "a"), T1).isEmpty()).isTrue();
  }

  @Test
  void suspension_affectsTheAccountAndItsRoutableDomains_only() {
    ClaimDiff d = ClaimDiff.between(stored(), desired(true, "a"), T1);
    assertThat(d.affectedUsers()).containsExactly("b");
    assertThat(d.affectedDomains()).containsExactly("b.example");
    assertThat(d.accountUpdates()).singleElement().satisfies(a -> assertThat(a.firstSeen()).isEqualTo(T0));
    assertThat(d.claimInserts()).isEmpty();
    assertThat(d.claimUpdates()).isEmpty();
  }

  @Test
  void domainMovingBetweenAccounts_keepsFirstSeen() {
    ClaimDiff d = ClaimDiff.between(stored(), desired(false, "b"), T1);
    assertThat(d.claimUpdates()).singleElement().isEqualTo(new ClaimRow("x.example", "b", "addon", T0, false));
    assertThat(d.claimInserts()).isEmpty();
    assertThat(d.affectedDomains()).containsExactly("x.example");
  }

  @Test
  void newAndRemovedClaims_getNowAndAreAffected() {
    ClaimSet want = ClaimSet.of(List.of(new AccountRow("a", "a.example", "root", false, null, false)),
        List.of(new ClaimRow("a.example", "a", "main", null, false), new ClaimRow("new.example", "a", "parked", null, false)));
    ClaimDiff d = ClaimDiff.between(stored(), want, T1);
    assertThat(d.claimInserts()).containsExactly(new ClaimRow("new.example", "a", "parked", T1, false));
    assertThat(d.claimDeletes()).containsExactlyInAnyOrder("x.example", "b.example", "*.b.example");
    assertThat(d.accountDeletes()).containsExactly("b");
    assertThat(d.affectedDomains()).containsExactly("b.example", "new.example", "x.example");
    assertThat(d.affectedUsers()).containsExactly("b");
  }

  @Test
  void guard_table() {
    RemovalGuard g = new RemovalGuard(0.2);
    g.check("s", 10, 2, false);
    g.check("s", 0, 0, false);
    g.check("s", 10, 10, true);
    assertThatThrownBy(() -> g.check("s", 10, 3, false)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("3 of its 10");
    assertThatThrownBy(() -> g.check("s", 1, 1, false)).hasMessageContaining("all of them");
    assertThatThrownBy(() -> new RemovalGuard(1.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
