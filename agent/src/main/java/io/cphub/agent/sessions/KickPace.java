package io.cphub.agent.sessions;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces kicks at least {@code 1 / maxPerSecond} apart, so a mass move (a whole server retired)
 * does not turn into a reconnect storm on the proxies. Time comes from {@code nanoTime}, waiting
 * through {@code sleeper}, so tests use a fake clock. Not thread-safe: one per follower thread.
 */
final class KickPace {
  /** Waits; a test's fake advances its clock instead. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long next = Long.MIN_VALUE;

  KickPace(double maxPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    this.intervalNanos = (long) (1e9 / maxPerSecond);
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Returns when the next kick may go. */
  void await() throws InterruptedException {
    long now = nanoTime.getAsLong();
    if (next != Long.MIN_VALUE && now < next) {
      sleeper.sleep(Duration.ofNanos(next - now));
      now = next;
    }
    next = now + intervalNanos;
  }
}
