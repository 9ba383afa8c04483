package io.cphub.proxy.verify;

import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} checks in flight per key (a client address, an account); 0 means no limit.
 * Keys with nothing in flight are removed, so the map holds only what is running. Thread-safe.
 */
final class InFlightLimit {
  private final int max;
  private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

  InFlightLimit(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("in-flight limit must be >= 0, was " + max);
    }
    this.max = max;
  }

  /** Takes a slot for {@code key}; false (nothing taken) when its slots are all in use. */
  boolean tryAcquire(String key) {
    if (max == 0) {
      return true;
    }
    boolean[] took = {false};
    running.compute(key, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= max) {
        return n;
      }
      took[0] = true;
      return now + 1;
    });
    return took[0];
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  void release(String key) {
    if (max != 0) {
      running.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Keys with checks in flight. */
  int keys() {
    return running.size();
  }
}
