package io.cphub.agent.push;

import java.time.Instant;

/** The sync loop's mutable bookkeeping (times, last error, refusal). Owned by the loop thread. */
final class SyncState {
  Instant nextFull = Instant.MIN;
  Instant retryAt = Instant.MIN;
  Instant fullBlockedUntil = Instant.MIN;
  Instant lastWhmRead;
  Instant lastFullSync;
  Instant lastAccountPush;
  String lastError;
  Instant lastErrorAt;
  String refusal;
  AgentStatus written;

  void error(Instant at, String message) {
    lastError = message;
    lastErrorAt = at;
  }
}
