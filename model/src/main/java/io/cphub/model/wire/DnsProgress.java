package io.cphub.model.wire;

import java.time.Instant;

/**
 * Where a server's DNS change ({@code cphub-agent dns apply}) stands, from the agent's last runs:
 * zones {@code done} (pointed at the central host, by a run or already), {@code skipped} (only
 * customer records, left alone), {@code failed} (left as they were), {@code pending} (not yet
 * examined by an executing run), and when the last run ended.
 */
public record DnsProgress(int done, int skipped, int failed, int pending, Instant at) {
  public DnsProgress {
    if (done < 0 || skipped < 0 || failed < 0 || pending < 0) {
      throw new IllegalArgumentException("DNS zone counts must be >= 0");
    }
  }
}
