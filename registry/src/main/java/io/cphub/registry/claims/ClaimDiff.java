package io.cphub.registry.claims;

import io.cphub.registry.store.AccountRow;
import io.cphub.registry.store.ClaimRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The difference between stored and desired claims of one server, computed in memory so an
 * unchanged push costs one read and no write. New rows get {@code now} as first seen and the
 * desired transfer evidence; changed rows keep both (evidence counts only when first seen). {@link #affectedDomains()} (routable domains only) and {@link #affectedUsers()}
 * are the keys whose winner may have changed. Immutable.
 */
public record ClaimDiff(
    List<AccountRow> accountInserts, List<AccountRow> accountUpdates, List<String> accountDeletes,
    List<ClaimRow> claimInserts, List<ClaimRow> claimUpdates, List<String> claimDeletes,
    Set<String> affectedDomains, Set<String> affectedUsers) {

  public static ClaimDiff between(ClaimSet current, ClaimSet desired, Instant now) {
    List<AccountRow> accountInserts = new ArrayList<>();
    List<AccountRow> accountUpdates = new ArrayList<>();
    List<String> accountDeletes = new ArrayList<>();
    Set<String> users = new TreeSet<>();
    Set<String> suspendedChanged = new TreeSet<>();
    for (AccountRow want : desired.accounts().values()) {
      AccountRow have = current.accounts().get(want.username());
      if (have == null) {
        accountInserts.add(withFirstSeen(want, now));
        users.add(want.username());
      } else if (!want.primaryDomain().equals(have.primaryDomain()) || !want.owner().equals(have.owner())
          || want.suspended() != have.suspended()) {
        accountUpdates.add(new AccountRow(want.username(), want.primaryDomain(), want.owner(), want.suspended(),
            have.firstSeen(), have.transferred()));
        if (want.suspended() != have.suspended()) {
          users.add(want.username());
          suspendedChanged.add(want.username());
        }
      }
    }
    for (String username : current.accounts().keySet()) {
      if (!desired.accounts().containsKey(username)) {
        accountDeletes.add(username);
        users.add(username);
      }
    }
    List<ClaimRow> claimInserts = new ArrayList<>();
    List<ClaimRow> claimUpdates = new ArrayList<>();
    List<String> claimDeletes = new ArrayList<>();
    Set<String> domains = new TreeSet<>();
    for (ClaimRow want : desired.claims().values()) {
      ClaimRow have = current.claims().get(want.domain());
      if (have == null) {
        claimInserts.add(new ClaimRow(want.domain(), want.username(), want.kind(), now, want.transferred()));
        domains.add(want.domain());
      } else if (!want.username().equals(have.username()) || !want.kind().equals(have.kind())) {
        claimUpdates.add(new ClaimRow(want.domain(), want.username(), want.kind(), have.firstSeen(),
            have.transferred()));
        if (!want.username().equals(have.username())) {
          domains.add(want.domain());
        }
      }
      if (suspendedChanged.contains(want.username())) {
        domains.add(want.domain());
      }
    }
    for (String domain : current.claims().keySet()) {
      if (!desired.claims().containsKey(domain)) {
        claimDeletes.add(domain);
        domains.add(domain);
      }
    }
    domains.removeIf(d -> d.startsWith("*."));
    return new ClaimDiff(List.copyOf(accountInserts), List.copyOf(accountUpdates), List.copyOf(accountDeletes),
        List.copyOf(claimInserts), List.copyOf(claimUpdates), List.copyOf(claimDeletes),
        java.util.Collections.unmodifiableSet(domains), java.util.Collections.unmodifiableSet(users));
  }

  /** True when the stored claims already equal the desired ones. */
  public boolean isEmpty() {
    return accountInserts.isEmpty() && accountUpdates.isEmpty() && accountDeletes.isEmpty()
        && claimInserts.isEmpty() && claimUpdates.isEmpty() && claimDeletes.isEmpty();
  }

  private static AccountRow withFirstSeen(AccountRow a, Instant firstSeen) {
    return new AccountRow(a.username(), a.primaryDomain(), a.owner(), a.suspended(), Objects.requireNonNull(firstSeen),
        a.transferred());
  }
}
