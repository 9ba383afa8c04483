package io.cphub.agent.spool;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the sync loop when a hook file lands in the spool's {@code new/} directory, through the
 * platform's file watching ({@link WatchService}: inotify on Linux, where the hook's rename into
 * {@code new/} is reported at once). Where watching is unavailable (no inotify instance left, a
 * file system without notifications) it only sleeps, and the caller's periodic scan finds the
 * files. A change notification is a hint to scan, never the list of files. Used by the sync loop
 * thread; {@link #close()} may come from any thread.
 */
public final class SpoolWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolWatcher.class);

  private final Path dir;
  private WatchService watch;
  private WatchKey key;
  private boolean unavailable;

  public SpoolWatcher(Spool spool) {
    this.dir = spool.dir().resolve("new");
    register();
  }

  /** True while file changes are watched (false: sleeping only, the periodic scan is the net). */
  public boolean watching() {
    return key != null && key.isValid();
  }

  /**
   * Returns when a file changed in {@code new/} (true) or after {@code max} (false). Throws
   * {@link InterruptedException} when the thread is interrupted (the loop is closing).
   */
  public boolean await(Duration max) throws InterruptedException {
    if (!watching() && (unavailable || !register())) {
      Thread.sleep(Math.max(1, max.toMillis()));
      return false;
    }
    try {
      WatchKey k = watch.poll(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS);
      if (k == null) {
        return false;
      }
      for (; k != null; k = watch.poll()) {
        k.pollEvents();
        k.reset();
      }
      return true;
    } catch (ClosedWatchServiceException e) {
      key = null;
      return false;
    }
  }

  private boolean register() {
    close();
    try {
      watch = FileSystems.getDefault().newWatchService();
      key = dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot watch spool {} ({}); new hook files are found by the periodic scan only", dir, e.toString());
      close();
      unavailable = true;
      return false;
    }
  }

  @Override
  public void close() {
    key = null;
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException e) {
        LOG.debug("closing the spool watch failed: {}", e.toString());
      }
      watch = null;
    }
  }
}
