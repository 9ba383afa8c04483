package io.cphub.model.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What an agent reports about itself with each push, so operators see which servers are stale.
 * {@code lastWhmRead} and {@code lastError} may be null; {@code dns} is null until a
 * {@code dns apply} ran on the server (and from agents before it existed).
 */
public record AgentState(String version, Instant lastWhmRead, int spoolDepth, String lastError,
    @JsonInclude(JsonInclude.Include.NON_NULL) DnsProgress dns) {
  public AgentState(String version, Instant lastWhmRead, int spoolDepth, String lastError) {
    this(version, lastWhmRead, spoolDepth, lastError, null);
  }

  public AgentState {
    if (spoolDepth < 0) {
      throw new IllegalArgumentException("spoolDepth must be >= 0, was " + spoolDepth);
    }
  }
}
