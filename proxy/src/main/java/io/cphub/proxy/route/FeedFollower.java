package io.cphub.proxy.route;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the registry's change feed on one dedicated, unpooled, autocommit connection: LISTEN,
 * then a consistent snapshot (or a catch-up from the current version), then change-log rows after
 * the local version on every NOTIFY and on a safety poll. A gap, an epoch change, a head behind
 * the local version, or a database that no longer holds the change last applied (checked on every
 * reconnect and poll; the feed identity tells a failover, restore or copy) means a full reload. Any error closes the connection and reconnects with capped
 * exponential backoff; the last table keeps serving meanwhile. Runs on its own thread; {@link
 * #close()} may be called from any thread.
 */
public final class FeedFollower implements AutoCloseable {
  static final String CHANNEL = "cphub_routes";
  private static final Logger LOG = LoggerFactory.getLogger(FeedFollower.class);

  /** Opens a new connection to the registry database. */
  public interface Connector {
    Connection connect() throws SQLException;
  }

  private final Connector connector;
  private final FeedSync sync;
  private final LiveTable live;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration backoffMin;
  private final Duration backoffMax;
  private final Object sleep = new Object();
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection connection;

  public FeedFollower(Connector connector, RouteSource source, LiveTable live, Clock clock, Duration pollInterval,
      Duration backoffMin, Duration backoffMax, int batchSize, Consumer<RouteTable> onFullLoad) {
    this.connector = connector;
    this.sync = new FeedSync(source, live, clock, batchSize, onFullLoad);
    this.live = live;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.backoffMin = backoffMin;
    this.backoffMax = backoffMax;
    this.thread = new Thread(this::run, "cphub-feed");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Number of full reloads so far (snapshot loads). */
  public long reloads() {
    return sync.reloads();
  }

  private void run() {
    Duration backoff = backoffMin;
    int attempt = 0;
    Instant downSince = null;
    while (!closed) {
      try (Connection c = connector.connect()) {
        connection = c;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        if (live.current().source() == RouteTable.Source.EMPTY) {
          sync.reload(c, "first load");
        } else {
          sync.catchUp(c);
        }
        if (downSince != null) {
          LOG.info("feed reconnected after {} attempt(s), {} ms; table version {}", attempt,
              Duration.between(downSince, clock.instant()).toMillis(), live.current().version());
        }
        backoff = backoffMin;
        attempt = 0;
        downSince = null;
        follow(c);
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        live.disconnected();
        attempt++;
        if (downSince == null) {
          downSince = clock.instant();
        }
        LOG.warn("feed connection failed (attempt {}, table version {}, stale {} s): {}; retrying in {} ms",
            attempt, live.current().version(), live.staleness().toSeconds(), e.toString(), backoff.toMillis());
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(backoffMax) > 0 ? backoffMax : backoff.multipliedBy(2);
      } finally {
        connection = null;
      }
    }
  }

  private void follow(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    int pollMs = (int) Math.max(1, pollInterval.toMillis());
    while (!closed) {
      PGNotification[] notes = pg.getNotifications(pollMs);
      if (notes == null || notes.length == 0 || newer(notes)) {
        sync.catchUp(c);
      }
    }
  }

  private boolean newer(PGNotification[] notes) {
    long local = live.current().version();
    for (PGNotification n : notes) {
      try {
        if (Long.parseLong(n.getParameter().strip()) > local) {
          return true;
        }
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
  }

  private void pause(Duration d) {
    synchronized (sleep) {
      if (!closed) {
        try {
          sleep.wait(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (sleep) {
      sleep.notifyAll();
    }
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing feed connection: {}", e.toString());
      }
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
