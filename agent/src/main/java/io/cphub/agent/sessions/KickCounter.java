package io.cphub.agent.sessions;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts kicks by how they were made and what came of them, for the agent's metrics: keys
 * {@code whm/ok}, {@code whm/failed} (then doveadm was tried), {@code doveadm/kicked},
 * {@code doveadm/none} (nobody was connected), {@code doveadm/failed}, {@code off/skipped}
 * ({@code sessions.kick=false}); plus the departures seen. Thread-safe.
 */
public final class KickCounter {
  private final Map<String, AtomicLong> kicks = new ConcurrentHashMap<>();
  private final AtomicLong departures = new AtomicLong();

  void count(String method, String result) {
    kicks.computeIfAbsent(method + "/" + result, k -> new AtomicLong()).incrementAndGet();
  }

  void departures(int n) {
    departures.addAndGet(n);
  }

  /** Every count so far, by {@code method/result}. */
  public Map<String, Long> kicks() {
    Map<String, Long> m = new TreeMap<>();
    kicks.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** The count of one {@code method/result}, 0 when none. */
  public long kicks(String method, String result) {
    AtomicLong n = kicks.get(method + "/" + result);
    return n == null ? 0 : n.get();
  }

  /** Departures of this server followed so far. */
  public long departures() {
    return departures.get();
  }
}
