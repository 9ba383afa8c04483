package io.cphub.agent.push;

import java.time.Duration;
import java.time.Instant;

/**
 * When the sync loop has work next: the earliest of a waiting account or full-snapshot event
 * becoming due, the end of a backoff, the next scheduled full sync, and the safety-net scan
 * ({@code poll}). Work held back (a backoff, a refused snapshot) is not waited for before it may
 * run, so the loop never spins. Reads the loop's state; used on the loop thread only.
 */
final class Pacing {
  /** The shortest wait, so a due time the step could not act on never turns into a busy loop. */
  static final Duration MIN_WAIT = Duration.ofMillis(2);

  private final SyncSettings settings;
  private final PendingEvents pending;
  private final SyncState state;

  Pacing(SyncSettings settings, PendingEvents pending, SyncState state) {
    this.settings = settings;
    this.pending = pending;
    this.state = state;
  }

  /** How long the loop may wait (for a spool change at most) before its next step. */
  Duration untilNextWork(Instant now) {
    Instant wake = now.plus(settings.poll());
    if (state.retryAt.isAfter(now)) {
      return clamp(now, earlier(wake, state.retryAt));
    }
    wake = earlier(wake, later(state.nextFull, state.fullBlockedUntil));
    Instant full = pending.nextFullDue(settings.debounce());
    if (full != null) {
      wake = earlier(wake, later(full, state.fullBlockedUntil));
    }
    Instant account = pending.nextAccountDue(settings.debounce(), settings.debounceMax());
    if (account != null) {
      wake = earlier(wake, account);
    }
    return clamp(now, wake);
  }

  private static Duration clamp(Instant now, Instant wake) {
    Duration d = Duration.between(now, wake);
    return d.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : d;
  }

  private static Instant earlier(Instant a, Instant b) {
    return b.isBefore(a) ? b : a;
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }
}
