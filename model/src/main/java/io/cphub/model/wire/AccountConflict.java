package io.cphub.model.wire;

import java.time.Instant;
import java.util.List;

/**
 * A cPanel username with an account on more than one server: a bare-username login reaches only
 * the winner's. Lists the accounts, the winner and why.
 */
public record AccountConflict(String username, List<Holder> accounts, String winner, String reason) {
  /** One server's account of that username. */
  public record Holder(String server, String primaryDomain, boolean suspended, Instant firstSeen) {}
}
