package io.cphub.model.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One cPanel account with all its domains, as an agent reports it. {@code transferred} is true when
 * the agent saw the account arrive on its server by a WHM transfer or restore (a {@code PkgAcct
 * Restore} hook, or a restoring {@code Accounts::Create}); otherwise absent. Older agents never
 * send it, and it is left out of the JSON unless true, so older registries still accept other pushes.
 */
public record AccountEntry(
    String username, String primaryDomain, String owner, boolean suspended, List<DomainEntry> domains,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean transferred) {
  public AccountEntry {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(primaryDomain, "primaryDomain");
    Objects.requireNonNull(owner, "owner");
    domains = List.copyOf(Objects.requireNonNull(domains, "domains"));
    transferred = Boolean.TRUE.equals(transferred) ? Boolean.TRUE : null;
  }

  /** An account without transfer evidence. */
  public AccountEntry(String username, String primaryDomain, String owner, boolean suspended, List<DomainEntry> domains) {
    this(username, primaryDomain, owner, suspended, domains, null);
  }

  /** True when the agent reported that the account arrived by a WHM transfer or restore. */
  public boolean arrivedByTransfer() {
    return Boolean.TRUE.equals(transferred);
  }

  /** This account, marked as arrived by a WHM transfer or restore. */
  public AccountEntry asTransferred() {
    return new AccountEntry(username, primaryDomain, owner, suspended, domains, true);
  }
}
