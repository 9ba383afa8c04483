package io.cphub.proxy.abuse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the bans waiting in {@link PendingBans} on the ban follower's connection, oldest first,
 * and announces the rows written in one round with one NOTIFY (ids comma-separated, kept under
 * NOTIFY's 8000 bytes; the rest waits for the next round). A ban that expired while waiting is not
 * written; one the database refuses stays local. Runs on the follower's thread only.
 */
final class BanWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BanWriter.class);
  private final BanList bans;
  private final PendingBans pending;
  private final GuardConfig config;
  private final Clock clock;
  private final GuardMetrics metrics;

  BanWriter(BanList bans, PendingBans pending, GuardConfig config, Clock clock, GuardMetrics metrics) {
    this.bans = bans;
    this.pending = pending;
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
  }

  void write(Connection c, BooleanSupplier running) throws SQLException {
    StringBuilder written = new StringBuilder();
    try {
      write(c, running, written);
    } finally {
      if (!written.isEmpty()) {
        BanStore.announce(c, written.toString());
      }
    }
  }

  private void write(Connection c, BooleanSupplier running, StringBuilder written) throws SQLException {
    for (Ban b = pending.peek(); b != null && running.getAsBoolean() && written.length() < 7000; b = pending.peek()) {
      if (!b.activeAt(clock.instant())) {
        pending.done(b);
        bans.keepLocal(b);
        metrics.written("expired");
        continue;
      }
      try {
        BanStore.Row r = BanStore.insert(c, b, config);
        pending.done(b);
        if (r == null) {
          bans.storedElsewhere(b);
          metrics.written("duplicate");
        } else {
          bans.putStored(r.ban());
          metrics.written("stored");
          written.append(written.isEmpty() ? "" : ",").append(r.ban().id());
        }
      } catch (SQLException e) {
        String state = e.getSQLState();
        if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
          throw e;
        }
        pending.done(b);
        bans.keepLocal(b);
        metrics.written("rejected");
        LOG.error("the database refused ban {} {} ({}); it applies on this node only", b.kind().label(), b.key(),
            e.getMessage());
      }
    }
  }
}
