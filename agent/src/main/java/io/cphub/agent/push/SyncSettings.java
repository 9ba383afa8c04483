package io.cphub.agent.push;

import java.time.Duration;

/**
 * Timing of the sync loop; validated here so a bad value fails at start. An account is re-read
 * {@code debounce} after its last event, or {@code debounceMax} after its first unpushed one while
 * events keep coming; {@code poll} is the safety-net scan of the spool (file watching wakes the
 * loop at once where the platform allows).
 */
public record SyncSettings(
    String server, Duration fullInterval, Duration debounce, Duration debounceMax, Duration poll,
    Duration backoffInitial, Duration backoffMax, String version) {
  public SyncSettings {
    positive("fullInterval", fullInterval);
    positive("poll", poll);
    positive("backoffInitial", backoffInitial);
    positive("backoffMax", backoffMax);
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must be >= 0, was " + debounce);
    }
    if (debounceMax.compareTo(debounce) < 0) {
      throw new IllegalArgumentException("debounceMax " + debounceMax + " is below debounce " + debounce);
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffInitial " + backoffInitial);
    }
  }

  /** With the default maximum wait: {@link #defaultDebounceMax}. */
  public SyncSettings(String server, Duration fullInterval, Duration debounce, Duration poll, Duration backoffInitial,
      Duration backoffMax, String version) {
    this(server, fullInterval, debounce, defaultDebounceMax(debounce), poll, backoffInitial, backoffMax, version);
  }

  /** The larger of one second and ten debounce periods (the rule before the maximum was a key). */
  public static Duration defaultDebounceMax(Duration debounce) {
    Duration tenfold = debounce.multipliedBy(10);
    return tenfold.compareTo(Duration.ofSeconds(1)) > 0 ? tenfold : Duration.ofSeconds(1);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
