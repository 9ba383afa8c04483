package io.cphub.proxy.route;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the live table up to the database on one connection: a full snapshot, or the change-log
 * rows after the local version, applied in order and published batch by batch. A gap, a new epoch
 * or a head behind the local version means a full snapshot. Used only by the feed thread.
 */
final class FeedSync {
  private static final Logger LOG = LoggerFactory.getLogger(FeedSync.class);
  private final RouteSource source;
  private final LiveTable live;
  private final Clock clock;
  private final int batchSize;
  private final Consumer<RouteTable> onFullLoad;
  private volatile long reloads;

  FeedSync(RouteSource source, LiveTable live, Clock clock, int batchSize, Consumer<RouteTable> onFullLoad) {
    this.source = source;
    this.live = live;
    this.clock = clock;
    this.batchSize = batchSize;
    this.onFullLoad = onFullLoad;
  }

  long reloads() {
    return reloads;
  }

  /**
   * Applies every change after the local version; reloads on a gap, a new epoch, a rewound head or
   * a history the table is not part of: on every call (so on every reconnect and every poll) the
   * change-log row at the local version must still be the one the table applied ({@link
   * FeedPoint}); one indexed read. A new feed identity (failover, restore, copy) whose row matches
   * is adopted without a reload (a planned switchover loses nothing); one whose row cannot be
   * compared means a reload.
   */
  void catchUp(Connection c) throws SQLException {
    RouteTable t = live.current();
    RouteSource.Head head = source.head(c);
    if (!head.epoch().equals(t.epoch())) {
      reload(c, "feed epoch changed from " + t.epoch() + " to " + head.epoch());
      return;
    }
    if (head.version() < t.version()) {
      reload(c, "feed head " + head.version() + " is behind local version " + t.version());
      return;
    }
    boolean newHistory = !head.identity().equals(t.point().identity());
    String diverged = divergence(c, t, head, newHistory);
    if (diverged != null) {
      reload(c, diverged);
      return;
    }
    if (newHistory) {
      LOG.info("feed identity changed from '{}' to '{}'; the change at version {} is still the one applied, "
          + "following on", t.point().identity(), head.identity(), t.version());
      t = t.withPoint(new FeedPoint(head.identity(), t.point().lastChange()));
      live.publish(t);
    }
    boolean changed = false;
    while (true) {
      List<Change> rows = source.changes(c, t.version(), batchSize);
      if (rows.isEmpty()) {
        if (head.version() > t.version()) {
          reload(c, "change log ends before head " + head.version() + " (local " + t.version() + ")");
          return;
        }
        break;
      }
      long expect = t.version() + 1;
      for (Change ch : rows) {
        if (ch.version() != expect++) {
          reload(c, "gap in change log: expected version " + (expect - 1) + ", found " + ch.version());
          return;
        }
      }
      t = apply(c, t, rows);
      live.publish(t);
      changed = true;
      if (rows.size() < batchSize) {
        break;
      }
    }
    if (t.source() != RouteTable.Source.DATABASE) {
      live.publish(t.withSource(RouteTable.Source.DATABASE, clock.instant()));
      LOG.info("route table from file confirmed by the database at version {}", t.version());
    } else if (!changed) {
      live.verified();
    }
  }

  private RouteTable apply(Connection c, RouteTable t, List<Change> rows) throws SQLException {
    TableBuilder b = TableBuilder.from(t);
    boolean refresh = false;
    for (Change ch : rows) {
      if (ch.kind().equals("server") || (ch.serverId() != null && !b.knowsServer(ch.serverId()))) {
        refresh = true;
        break;
      }
    }
    if (refresh) {
      b.replaceServers(source.servers(c));
    }
    b.apply(rows);
    Change last = rows.get(rows.size() - 1);
    return b.build(t.epoch(), last.version(), RouteTable.Source.DATABASE, clock.instant(),
        new FeedPoint(t.point().identity(), last.fingerprint()));
  }

  /** Why the table cannot go on from its version on this database, or null when it can. */
  private String divergence(Connection c, RouteTable t, RouteSource.Head head, boolean newHistory) throws SQLException {
    if (t.version() == 0) {
      return null;
    }
    String held = source.changeAt(c, t.version());
    String applied = t.point().lastChange();
    if (!held.isEmpty() && !applied.isEmpty()) {
      return held.equals(applied) ? null : "history diverged: the database holds another change at version "
          + t.version() + " than the one applied (a failover to a replica that lacked it, or a restore)";
    }
    if (!newHistory) {
      return null;
    }
    return "feed identity changed from '" + t.point().identity() + "' to '" + head.identity()
        + "' and the change at version " + t.version() + " cannot be compared (" + (held.isEmpty() ? "pruned" : "not recorded") + ")";
  }

  void reload(Connection c, String why) throws SQLException {
    long started = System.nanoTime();
    RouteTable t = source.snapshot(c);
    reloads++;
    live.publish(t);
    LOG.info("route table loaded ({}): version {}, {} domains, {} accounts, {} servers in {} ms", why, t.version(),
        t.domainCount(), t.accountCount(), t.serverCount(), (System.nanoTime() - started) / 1_000_000);
    onFullLoad.accept(t);
  }
}
