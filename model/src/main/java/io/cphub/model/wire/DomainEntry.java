package io.cphub.model.wire;

import java.util.Objects;

/** One domain of an account, as an agent reports it. */
public record DomainEntry(String name, DomainKind kind) {
  public DomainEntry {
    Objects.requireNonNull(name, "domain name");
    Objects.requireNonNull(kind, "domain kind");
  }
}
