package io.cphub.model.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a write changed, and the feed version after it (unchanged when nothing changed).
 * {@code feedIdentity} names the history of the registry database the write was committed in
 * (see the registry README): an agent that sees it change pushes a full snapshot. Null from
 * registries before it existed.
 */
public record ChangeSummary(
    int accountsUpserted, int accountsRemoved, int claimsAdded, int claimsRemoved, int routesChanged,
    long version, @JsonInclude(JsonInclude.Include.NON_NULL) String feedIdentity) {
  public ChangeSummary(int accountsUpserted, int accountsRemoved, int claimsAdded, int claimsRemoved,
      int routesChanged, long version) {
    this(accountsUpserted, accountsRemoved, claimsAdded, claimsRemoved, routesChanged, version, null);
  }

  /** The same summary, stamped with the feed identity of the transaction that wrote it. */
  public ChangeSummary withFeedIdentity(String identity) {
    return new ChangeSummary(accountsUpserted, accountsRemoved, claimsAdded, claimsRemoved, routesChanged, version,
        identity);
  }
}
