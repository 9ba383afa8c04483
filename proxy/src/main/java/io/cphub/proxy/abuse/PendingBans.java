package io.cphub.proxy.abuse;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bans this node decided and has not written yet, in decision order, at most {@code max}. While
 * the database is unreachable the queue fills; past the bound the oldest ban is dropped from the
 * queue with a log line (it keeps applying on this node until it expires, it just is not shared).
 * Thread-safe: the guard offers from login threads, the follower takes on its own thread.
 */
final class PendingBans implements BanSink {
  private static final Logger LOG = LoggerFactory.getLogger(PendingBans.class);
  private final Deque<Ban> queue = new ArrayDeque<>();
  private final int max;
  private final BanList bans;
  private final GuardMetrics metrics;

  PendingBans(int max, BanList bans, GuardMetrics metrics) {
    this.max = max;
    this.bans = bans;
    this.metrics = metrics;
  }

  @Override
  public void publish(Ban ban) {
    Ban dropped = null;
    synchronized (this) {
      if (queue.size() == max) {
        dropped = queue.pollFirst();
      }
      queue.addLast(ban);
    }
    if (dropped != null) {
      bans.keepLocal(dropped);
      metrics.written("dropped");
      LOG.warn("ban {} {} dropped from the write queue ({} bans wait for the database): it applies on this node"
          + " only, until {}", dropped.kind().label(), dropped.key(), max, dropped.expiresAt());
    }
  }

  synchronized Ban peek() {
    return queue.peekFirst();
  }

  /** Removes {@code b} if it is still the head (it was written or given up). */
  synchronized void done(Ban b) {
    if (queue.peekFirst() == b) {
      queue.pollFirst();
    }
  }

  synchronized int size() {
    return queue.size();
  }
}
