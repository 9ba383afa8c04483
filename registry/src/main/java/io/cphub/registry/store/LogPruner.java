package io.cphub.registry.store;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes change-log rows older than the retention, so the log does not grow for ever. The
 * retention is how long a proxy can be offline and still catch up from the log; an older proxy
 * finds a gap and reloads the whole table. One daemon thread runs {@link #pruneOnce()} every
 * interval; several registry instances pruning at once is harmless.
 */
public final class LogPruner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogPruner.class);
  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration retention;
  private final ScheduledExecutorService timer;

  public LogPruner(Jdbi jdbi, Clock clock, Duration retention) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.retention = retention;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cphub-log-pruner");
      t.setDaemon(true);
      return t;
    });
  }

  /** Prunes every {@code interval}, the first time after one interval. */
  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(this::pruneLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Deletes the rows committed before now minus the retention; returns how many. */
  public int pruneOnce() {
    OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
    return jdbi.withExtension(FeedDao.class, dao -> dao.prune(cutoff));
  }

  private void pruneLogged() {
    try {
      int n = pruneOnce();
      if (n > 0) {
        LOG.info("pruned {} change-log rows older than {}", n, retention);
      }
    } catch (RuntimeException e) {
      LOG.warn("change-log pruning failed; next try in one interval: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
