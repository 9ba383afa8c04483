package io.cphub.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test database: its own name on the shared test server, already migrated unless made with
 * {@link TestDatabases#createEmpty()}. Immutable; connections it hands out are the caller's.
 */
public final class TestDatabase {
  private final PostgresServer server;
  private final String name;

  TestDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public String url() {
    return server.url(name);
  }

  public String user() {
    return server.user;
  }

  public String password() {
    return server.password;
  }

  public String host() {
    return server.host;
  }

  public int port() {
    return server.port;
  }

  /** A new connection as the server's superuser. */
  public Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", server.user);
    if (server.password != null) {
      p.setProperty("password", server.password);
    }
    return DriverManager.getConnection(url(), p);
  }

  /** A non-pooled data source for this database. */
  public DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url());
    ds.setUser(server.user);
    if (server.password != null) {
      ds.setPassword(server.password);
    }
    return ds;
  }

  /** Drops the database, ending any session still connected to it. */
  public void drop() {
    TestDatabases.drop(server, name);
  }
}
