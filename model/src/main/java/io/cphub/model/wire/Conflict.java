package io.cphub.model.wire;

import java.util.List;

/** A domain claimed by more than one server, the claims, and which server wins and why. */
public record Conflict(String domain, List<Claim> claims, String winner, String reason) {
  /** One server's claim on the domain. */
  public record Claim(String server, String account, String kind, boolean suspended, java.time.Instant firstSeen) {}
}
