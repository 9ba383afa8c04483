package io.cphub.proxy.abuse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's {@link BanList} in step with the {@code ban} table and writes the node's own
 * bans there, on one dedicated autocommit connection and one thread: {@code LISTEN cphub_bans},
 * a full read, then every {@link #POLL} write what is pending and apply notified rows, with a
 * full re-read (and a purge of long-ended bans) every resync interval as the safety net. The bans
 * written in one poll are announced with one NOTIFY. The same connection shares known-good pairs
 * ({@link KnownGoodSync}: loaded at connect, written and followed every poll). Any
 * error drops the connection; it reconnects with doubling backoff. While the database is down,
 * known bans keep applying and new ones apply locally and wait in {@link PendingBans}.
 */
final class BanFollower implements AutoCloseable {
  /** How long one wait for notifications lasts: the bound on write and apply latency. */
  static final Duration POLL = Duration.ofMillis(100);
  private static final Logger LOG = LoggerFactory.getLogger(BanFollower.class);
  private static final int PURGE_EVERY = 6;

  private final AbuseProtection.Connector connector;
  private final BanList bans;
  private final PendingBans pending;
  private final BiConsumer<Ban.Kind, String> onLift;
  private final KnownGoodSync knownGood;
  private final BanWriter writer;
  private final GuardConfig config;
  private final Clock clock;
  private final GuardMetrics metrics;
  private final Object wake = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean connected;
  private int resyncs;

  BanFollower(AbuseProtection.Connector connector, BanList bans, PendingBans pending, BiConsumer<Ban.Kind, String> onLift,
      KnownGoodSync knownGood, GuardConfig config, Clock clock, GuardMetrics metrics) {
    this.knownGood = knownGood;
    this.writer = new BanWriter(bans, pending, config, clock, metrics);
    this.connector = connector;
    this.bans = bans;
    this.pending = pending;
    this.onLift = onLift;
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.thread = new Thread(this::run, "cphub-ban-follower");
    thread.setDaemon(true);
    metrics.bindStore(() -> connected ? 1 : 0, pending::size);
  }

  void start() {
    thread.start();
  }

  boolean connected() {
    return connected;
  }

  private void run() {
    Duration backoff = config.backoffMin();
    boolean quiet = false;
    while (running) {
      try (Connection c = connector.connect()) {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + BanStore.CHANNEL);
          st.execute("LISTEN " + KnownGoodSync.CHANNEL);
        }
        int n = resync(c);
        int k = knownGood.load(c);
        connected = true;
        backoff = config.backoffMin();
        quiet = false;
        LOG.info("ban follower connected: {} bans in force, {} waiting to be written, {} known-good pairs", n,
            pending.size(), k);
        follow(c);
      } catch (SQLException | RuntimeException e) {
        connected = false;
        if (!running) {
          break;
        }
        if (!quiet) {
          LOG.warn("ban follower lost the database ({}); known bans keep applying, new ones wait; retrying"
              + " with backoff up to {}", e.getMessage(), config.backoffMax());
          quiet = true;
        } else {
          LOG.debug("ban follower still cannot reach the database: {}", e.getMessage());
        }
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(config.backoffMax()) > 0 ? config.backoffMax()
            : backoff.multipliedBy(2);
      }
    }
    connected = false;
  }

  private void follow(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long nextResync = System.nanoTime() + config.resyncInterval().toNanos();
    while (running) {
      writer.write(c, () -> running);
      knownGood.write(c);
      PGNotification[] notes = pg.getNotifications((int) POLL.toMillis());
      if (notes != null) {
        for (PGNotification n : notes) {
          if (n.getName().equals(KnownGoodSync.CHANNEL)) {
            knownGood.notified(n.getParameter());
          } else {
            apply(c, n.getParameter());
          }
        }
      }
      if (System.nanoTime() - nextResync >= 0) {
        resync(c);
        nextResync = System.nanoTime() + config.resyncInterval().toNanos();
      }
    }
  }

  private void apply(Connection c, String payload) throws SQLException {
    String[] parts = payload.split(",", 1000);
    Long[] ids = new Long[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        ids[i] = Long.parseLong(parts[i]);
      }
    } catch (NumberFormatException e) {
      LOG.warn("ignoring a {} notification with payload {}", BanStore.CHANNEL, io.cphub.model.Printable.of(payload));
      return;
    }
    for (BanStore.Row r : BanStore.byIds(c, ids)) {
      if (r.inForceAt(clock.instant())) {
        bans.putStored(r.ban());
      } else {
        bans.removeStored(r.ban());
        if (r.liftedAt() != null) {
          LOG.info("ban {} {} lifted by {}", r.ban().kind().label(), r.ban().key(), r.liftedBy());
          onLift.accept(r.ban().kind(), r.ban().key());
        }
      }
    }
  }

  private int resync(Connection c) throws SQLException {
    Instant now = clock.instant();
    List<BanStore.Row> rows = BanStore.active(c, now);
    bans.replaceStored(rows.stream().map(BanStore.Row::ban).toList(), now);
    if (resyncs++ % PURGE_EVERY == 0) {
      knownGood.purge(c);
      int gone = BanStore.purge(c, now.minus(config.repeatWindow()));
      if (gone > 0) {
        LOG.info("purged {} bans that ended before {}", gone, now.minus(config.repeatWindow()));
      }
    }
    return rows.size();
  }

  private void pause(Duration d) {
    synchronized (wake) {
      if (running) {
        try {
          wake.wait(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      thread.join(POLL.multipliedBy(20).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
