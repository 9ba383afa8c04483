package io.cphub.proxy.route;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the live table to its local file after each full load and on a timer when the table
 * changed (any newly published table, so a reload onto a new history at the same version is saved
 * too). All writes run on one background thread, so they never overlap and never block the feed.
 */
public final class TableSaver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableSaver.class);
  private final Path file;
  private final LiveTable live;
  private final ScheduledExecutorService exec;
  private volatile RouteTable saved;

  public TableSaver(Path file, LiveTable live) {
    this.file = file;
    this.live = live;
    this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cphub-table-saver");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the periodic save. */
  public void start(java.time.Duration interval) {
    long ms = interval.toMillis();
    exec.scheduleWithFixedDelay(this::saveIfChanged, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Asks for a save soon (after a full load). */
  public void requestSave() {
    exec.execute(this::saveIfChanged);
  }

  /** Saves when the table differs from the last saved one; never throws. Returns true if written. */
  public boolean saveIfChanged() {
    RouteTable t = live.current();
    if (t.source() != RouteTable.Source.DATABASE) {
      return false;
    }
    if (t == saved) {
      return false;
    }
    try {
      long started = System.nanoTime();
      TableFile.write(file, t, live.verifiedAt());
      saved = t;
      LOG.info("route table version {} saved to {} in {} ms", t.version(), file, (System.nanoTime() - started) / 1_000_000);
      return true;
    } catch (TableFileException e) {
      LOG.warn("{}", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    exec.shutdown();
    try {
      exec.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
