package io.cphub.registry.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure that a retry will cure (the database unreachable, restarting, read-only or in
 * a failover) from a real bug, so the first becomes {@code 503} with {@code Retry-After} instead
 * of {@code 500}. SQLSTATE class 08 (connection exception), 57P01-57P03 (admin shutdown, crash
 * shutdown, cannot connect now), 25006 (read-only transaction: still on a demoted primary), 40001
 * (serialization failure), 53300 (too many connections), and the pool's own timeout. Stateless.
 */
final class DatabaseOutage {
  /**
   * Seconds an agent is asked to wait. Short, because a failover ends at a moment nobody can
   * predict and every second of waiting after it is added to the write pause; a retry during the
   * outage costs one pooled wait ({@code connectionTimeout}) on a worker thread.
   */
  static final int RETRY_AFTER_SECONDS = 1;
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "25006", "40001", "53300");

  private DatabaseOutage() {}

  /** The SQLSTATE (or "pool timeout") that makes {@code e} an outage, or null when it is not one. */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || STATES.contains(state))) {
          return state;
        }
        if (t instanceof SQLTransientConnectionException) {
          return state == null ? "pool timeout" : state;
        }
      }
    }
    return null;
  }
}
