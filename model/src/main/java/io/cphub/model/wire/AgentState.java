package io.cphub.model.wire;

import java.time.Instant;

/**
 * What an agent reports about itself with each push, so operators see which servers are stale.
 * {@code lastWhmRead} and {@code lastError} may be null.
 */
public record AgentState(String version, Instant lastWhmRead, int spoolDepth, String lastError) {
  public AgentState {
    if (spoolDepth < 0) {
      throw new IllegalArgumentException("spoolDepth must be >= 0, was " + spoolDepth);
    }
  }
}
