package io.cphub.agent.push;

import java.time.Duration;

/** Timing of the sync loop; validated here so a bad value fails at start. */
public record SyncSettings(
    String server, Duration fullInterval, Duration debounce, Duration poll, Duration backoffInitial,
    Duration backoffMax, String version) {
  public SyncSettings {
    positive("fullInterval", fullInterval);
    positive("poll", poll);
    positive("backoffInitial", backoffInitial);
    positive("backoffMax", backoffMax);
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must be >= 0, was " + debounce);
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffInitial " + backoffInitial);
    }
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
