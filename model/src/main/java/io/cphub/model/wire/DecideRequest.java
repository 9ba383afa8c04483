package io.cphub.model.wire;

import java.util.Objects;

/**
 * Body of {@code POST /v1/contests/{domain}/decide} (and {@code /v1/account-contests/{user}/decide}):
 * the claim of this server becomes the standing claim, for the reason given.
 */
public record DecideRequest(String server, String reason) {
  public DecideRequest {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(reason, "reason");
  }
}
