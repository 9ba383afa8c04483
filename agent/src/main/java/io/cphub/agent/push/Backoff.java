package io.cphub.agent.push;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: the n-th consecutive failure waits a random time between
 * half and all of {@code min(max, initial * 2^(n-1))}. Not thread-safe (owned by the sync loop).
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private int failures;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  Duration failure() {
    failures++;
    long cap = max.toMillis();
    long base = initial.toMillis();
    long delay = failures > 40 ? cap : Math.min(cap, base << Math.min(failures - 1, 40));
    long jittered = delay / 2 + (long) (random.nextDouble() * (delay - delay / 2));
    return Duration.ofMillis(Math.max(1, jittered));
  }

  void success() {
    failures = 0;
  }

  int failures() {
    return failures;
  }
}
