package io.cphub.proxy.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs backend problems at WARN at most once per server per {@code interval} (a minute in
 * production), with how many more were seen since, so a sick backend under a login storm writes
 * one line a minute, not one per login. Time from the injected clock. Thread-safe.
 */
final class ProblemLog {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemLog.class);
  private final Clock clock;
  private final Duration interval;
  private final ConcurrentHashMap<Integer, Window> windows = new ConcurrentHashMap<>();

  private record Window(Instant since, int suppressed) {}

  ProblemLog(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /** Returns true when this call wrote the log line (tests). */
  boolean report(int serverId, String server, BackendProblem p) {
    Instant now = clock.instant();
    int[] suppressed = {-1};
    windows.compute(serverId, (k, w) -> {
      if (w == null || !now.isBefore(w.since().plus(interval))) {
        suppressed[0] = w == null ? 0 : w.suppressed();
        return new Window(now, 0);
      }
      return new Window(w.since(), w.suppressed() + 1);
    });
    if (suppressed[0] < 0) {
      return false;
    }
    LOG.warn("password checks against server {} ({}): {}{}{} ({} more backend problems in the last {})", server,
        serverId, p.kind().label(), p.code() == null ? "" : " [" + p.code() + "]",
        p.detail() == null ? "" : ": " + p.detail(), suppressed[0], interval);
    return true;
  }
}
