package io.cphub.registry.store;

import java.time.Instant;

/**
 * One server's claim on a key (a domain, or a username), with what the winner rule needs.
 * {@code pinnedServerId} is the server a pin names for this key, or null; {@code transferred} says
 * the claim arrived by a WHM transfer or restore.
 */
public record Candidate(
    String key, int serverId, String username, boolean suspended, Instant firstSeen, boolean retired,
    Integer pinnedServerId, boolean transferred) {

  boolean pinned() {
    return pinnedServerId != null && pinnedServerId == serverId;
  }
}
