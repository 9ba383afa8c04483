package io.cphub.registry.metrics;

import io.cphub.registry.store.ContestDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * What the contest gauges read at scrape time, without scanning: the maintained count (one row of
 * {@code contest_count}) and the age of the oldest open contest (the first entry of an index).
 * Thread-safe.
 */
public final class ContestGauge {
  private final Jdbi jdbi;
  private final Clock clock;

  public ContestGauge(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  long count() {
    return jdbi.withExtension(ContestDao.class, ContestDao::count);
  }

  /** Seconds since the oldest open contest began; 0 when none is open. */
  double oldestAgeSeconds() {
    Instant oldest = jdbi.withExtension(ContestDao.class, ContestDao::oldest);
    return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
  }
}
