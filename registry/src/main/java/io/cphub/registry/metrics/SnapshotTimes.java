package io.cphub.registry.metrics;

import io.cphub.registry.store.ServerDao;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every enrolled server with the time of its last accepted full snapshot, read from the database
 * every {@code interval} on its own thread, so a scrape reads memory and never the database.
 * Until the first successful read the list is empty; a failed read keeps the previous list and
 * logs once per failure. Thread-safe.
 */
public final class SnapshotTimes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotTimes.class);
  private final Jdbi jdbi;
  private final AtomicReference<List<ServerDao.SnapshotTime>> current = new AtomicReference<>(List.of());
  private final ScheduledExecutorService timer;

  public SnapshotTimes(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cphub-snapshot-times");
      t.setDaemon(true);
      return t;
    });
  }

  /** Reads once now, then every {@code interval}. */
  public SnapshotTimes start(Duration interval) {
    refresh();
    timer.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Re-reads the servers now; never throws. */
  public void refresh() {
    try {
      current.set(List.copyOf(jdbi.withExtension(ServerDao.class, ServerDao::snapshotTimes)));
    } catch (RuntimeException e) {
      LOG.warn("cannot read the servers' snapshot times, keeping {} known: {}", current.get().size(), e.getMessage());
    }
  }

  /** Re-reads soon on the timer's thread (after a write), not on the caller's. */
  public void requestRefresh() {
    try {
      timer.execute(this::refresh);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed: nothing to refresh
    }
  }

  /** The servers as last read. */
  public List<ServerDao.SnapshotTime> current() {
    return current.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
