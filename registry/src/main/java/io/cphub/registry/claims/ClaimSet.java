package io.cphub.registry.claims;

import io.cphub.registry.store.AccountRow;
import io.cphub.registry.store.ClaimRow;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A server's accounts (by username) and domain claims (by domain), stored or desired. Desired
 * rows carry no first-seen time. Immutable once built.
 */
public record ClaimSet(Map<String, AccountRow> accounts, Map<String, ClaimRow> claims) {
  public ClaimSet {
    accounts = Map.copyOf(accounts);
    claims = Map.copyOf(claims);
  }

  /** Indexes stored rows. */
  public static ClaimSet of(Collection<AccountRow> accounts, Collection<ClaimRow> claims) {
    Map<String, AccountRow> a = new HashMap<>(accounts.size() * 2);
    for (AccountRow r : accounts) {
      a.put(r.username(), r);
    }
    Map<String, ClaimRow> c = new HashMap<>(claims.size() * 2);
    for (ClaimRow r : claims) {
      c.put(r.domain(), r);
    }
    return new ClaimSet(a, c);
  }
}
