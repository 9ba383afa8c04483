package io.cphub.model.wire;

import java.util.List;
import java.util.Objects;

/** A server's complete accounts and domains: body of {@code PUT /v1/servers/{server}/snapshot}. */
public record Snapshot(List<AccountEntry> accounts, AgentState agent) {
  public Snapshot {
    accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
  }
}
