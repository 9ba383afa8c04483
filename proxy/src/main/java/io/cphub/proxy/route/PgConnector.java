package io.cphub.proxy.route;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens the feed's dedicated connection straight to the primary: no pool, TCP keepalive, a socket
 * timeout so a half-open connection fails instead of hanging, and an application name operators
 * can find in {@code pg_stat_activity}. Immutable.
 */
public final class PgConnector implements FeedFollower.Connector {
  private final String url;
  private final Properties props = new Properties();

  public PgConnector(String url, String user, String password, Duration connectTimeout, Duration socketTimeout) {
    this.url = url;
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    props.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    props.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
    props.setProperty("targetServerType", "primary");
    props.setProperty("ApplicationName", "cphub-proxy");
  }

  @Override
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, props);
  }
}
