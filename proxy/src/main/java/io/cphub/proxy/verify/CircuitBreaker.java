package io.cphub.proxy.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One backend's circuit breaker. {@code CLOSED}: checks go through; after {@code failures}
 * consecutive checks that found the backend down (connect failure, timeout, dropped connection)
 * it turns {@code OPEN}: checks fail fast for {@code coolDown}. Then the next check is let through
 * as the one probe ({@code HALF_OPEN}; others still fail fast): its success closes the breaker, its
 * failure opens it for another cool-down. Any answer from the backend counts as success (a wrong
 * password too: the backend is alive). Time comes from the injected clock. Thread-safe (monitor).
 */
final class CircuitBreaker {
  /** The states, with the number the metric exports. */
  enum State {
    CLOSED(0), OPEN(1), HALF_OPEN(2);

    final int gauge;

    State(int gauge) {
      this.gauge = gauge;
    }
  }

  /** What {@link #admit()} decided. */
  enum Admission { PASS, PROBE, REFUSE }

  private final int failures;
  private final Duration coolDown;
  private final Clock clock;
  private State state = State.CLOSED;
  private int consecutive;
  private Instant openedAt = Instant.EPOCH;

  CircuitBreaker(int failures, Duration coolDown, Clock clock) {
    if (failures < 1) {
      throw new IllegalArgumentException("breaker failures must be >= 1, was " + failures);
    }
    if (coolDown.isNegative() || coolDown.isZero()) {
      throw new IllegalArgumentException("breaker cool-down must be positive, was " + coolDown);
    }
    this.failures = failures;
    this.coolDown = coolDown;
    this.clock = clock;
  }

  /** Whether a check may ask the backend now; PROBE means it is the one half-open probe. */
  synchronized Admission admit() {
    switch (state) {
      case CLOSED:
        return Admission.PASS;
      case OPEN:
        if (!clock.instant().isBefore(openedAt.plus(coolDown))) {
          state = State.HALF_OPEN;
          return Admission.PROBE;
        }
        return Admission.REFUSE;
      default:
        return Admission.REFUSE;
    }
  }

  /** Whether a queued check (not the probe) may still ask when its turn comes: only while closed. */
  synchronized boolean stillPasses() {
    return state == State.CLOSED;
  }

  /** A probe that never reached the backend: the next check may probe instead. */
  synchronized void probeCancelled() {
    if (state == State.HALF_OPEN) {
      state = State.OPEN;
    }
  }

  /**
   * Records what a check that asked the backend found. Returns the new state when this call changed
   * it, else null.
   */
  synchronized State record(boolean down, boolean probe) {
    State before = state;
    if (!down) {
      consecutive = 0;
      if (state == State.HALF_OPEN && !probe) {
        return null;
      }
      state = State.CLOSED;
    } else if (state == State.HALF_OPEN) {
      if (probe) {
        open();
      }
    } else if (state == State.CLOSED && ++consecutive >= failures) {
      open();
    }
    return state == before ? null : state;
  }

  private void open() {
    state = State.OPEN;
    openedAt = clock.instant();
    consecutive = 0;
  }

  synchronized State state() {
    return state;
  }

  /** When the breaker last opened (EPOCH if never). */
  synchronized Instant openedAt() {
    return openedAt;
  }
}
