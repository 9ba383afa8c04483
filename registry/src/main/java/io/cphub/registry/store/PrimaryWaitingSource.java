package io.cphub.registry.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Where the pool gets its new connections: the PostgreSQL driver on {@code db.url}, except that
 * while no host of the URL takes a connection as a primary (a failover or restart in progress:
 * SQLSTATE class 08, or 57P03 "cannot connect now") it tries again every {@code interval} until
 * {@code patience} has passed, then fails with the last error. Any other failure (a wrong
 * password, a missing database) fails at once.
 *
 * <p>Why: HikariCP retries a failed connection itself, but doubles its pause up to 5 s between
 * attempts, so after a 10 s failover the pool could sit out another 5 s with a primary already
 * accepting writes. Waiting here keeps each of the pool's attempts open across the failover, so
 * the pool has a connection within one interval of the new primary. Requests never wait on this
 * directly: they wait for the pool (its connection timeout) and are answered 503.
 *
 * <p>Thread-safe: each call works on its own copy of the properties.
 */
final class PrimaryWaitingSource implements DataSource {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(PrimaryWaitingSource.class);

  /** Opens one connection with the given properties (the driver, in production). */
  interface Connector {
    Connection connect(Properties properties) throws SQLException;
  }

  /** Waits between attempts ({@code Thread::sleep} in production). */
  interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  private final Connector connector;
  private final Map<String, String> properties;
  private final Duration interval;
  private final Duration patience;
  private final Clock clock;
  private final Pause pause;
  private volatile int loginTimeoutSeconds;

  PrimaryWaitingSource(Connector connector, Map<String, String> properties, Duration interval, Duration patience,
      Clock clock, Pause pause) {
    if (interval.isNegative() || interval.isZero() || patience.compareTo(interval) < 0) {
      throw new IllegalArgumentException("need 0 < interval <= patience, got " + interval + " and " + patience);
    }
    this.connector = connector;
    this.properties = Map.copyOf(properties);
    this.interval = interval;
    this.patience = patience;
    this.clock = clock;
    this.pause = pause;
  }

  /** The driver on {@code url}; properties in the URL win over {@code properties} (pgjdbc's rule). */
  static PrimaryWaitingSource driver(String url, Map<String, String> properties, Duration interval,
      Duration patience) {
    org.postgresql.Driver driver = new org.postgresql.Driver();
    Connector connector = p -> {
      Connection c = driver.connect(url, p);
      if (c == null) {
        throw new SQLException("not a PostgreSQL JDBC URL", "08001");
      }
      return c;
    };
    return new PrimaryWaitingSource(connector, properties, interval, patience, Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
  }

  /** True for a failure that a failover or restart explains (worth waiting out). */
  static boolean transientFailure(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("57P03"));
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(new Properties());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return connect(p);
  }

  private Connection connect(Properties credentials) throws SQLException {
    Properties p = new Properties();
    p.putAll(properties);
    p.putAll(credentials);
    Instant start = clock.instant();
    Instant deadline = start.plus(patience);
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        Connection c = connector.connect(p);
        if (attempt > 1) {
          LOG.info("connected to a primary after {} attempts in {} ms (the database was failing over or restarting)",
              attempt, Duration.between(start, clock.instant()).toMillis());
        }
        return c;
      } catch (SQLException e) {
        if (!transientFailure(e) || !clock.instant().plus(interval).isBefore(deadline)) {
          throw e;
        }
        if (attempt == 1) {
          LOG.debug("no primary to connect to ({}: {}); trying every {} ms for up to {} ms", e.getSQLState(),
              e.getMessage(), interval.toMillis(), patience.toMillis());
        }
        try {
          pause.pause(interval);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while waiting for a primary after " + attempt + " attempts",
              e.getSQLState(), e);
        }
      }
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // the driver logs through java.util.logging; nothing to set
  }

  /** Recorded only: each attempt is bounded by the URL's connectTimeout and loginTimeout. */
  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
