package io.cphub.model.wire;

import java.util.List;
import java.util.Objects;

/** One cPanel account with all its domains, as an agent reports it. */
public record AccountEntry(
    String username, String primaryDomain, String owner, boolean suspended, List<DomainEntry> domains) {
  public AccountEntry {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(primaryDomain, "primaryDomain");
    Objects.requireNonNull(owner, "owner");
    domains = List.copyOf(Objects.requireNonNull(domains, "domains"));
  }
}
