package io.cphub.model.wire;

import java.util.Objects;

/** One account and its domains: body of {@code PUT /v1/servers/{server}/accounts/{user}}. */
public record AccountPush(AccountEntry account, AgentState agent) {
  public AccountPush {
    Objects.requireNonNull(account, "account");
  }
}
