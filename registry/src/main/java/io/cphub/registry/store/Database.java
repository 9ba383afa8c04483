package io.cphub.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cphub.registry.config.RegistryConfig;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool and the configured {@link Jdbi}. Thread-safe; close once at shutdown. */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private Database(HikariDataSource pool) {
    this.pool = pool;
    this.jdbi = jdbi(pool);
  }

  /**
   * Opens a pool for {@code config}'s database; fails when it cannot connect: at once for a
   * refusal such as a wrong password, within {@link #PRIMARY_PATIENCE} when no host is a primary.
   * New connections come from a {@link PrimaryWaitingSource}, so after a failover the pool has a
   * connection within {@link #PRIMARY_RETRY} of the new primary (HikariCP's own retry would wait
   * up to 5 s more).
   */
  public static Database open(RegistryConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("cphub-registry");
    hc.setDataSource(PrimaryWaitingSource.driver(config.dbUrl(), URL_DEFAULTS, PRIMARY_RETRY, PRIMARY_PATIENCE));
    hc.setUsername(config.dbUser());
    if (config.dbPassword() != null) {
      hc.setPassword(config.dbPassword());
    }
    hc.setMaximumPoolSize(config.dbPoolSize());
    hc.setMinimumIdle(config.dbPoolSize());
    hc.setConnectionTimeout(5_000); // a request waits at most this for a connection, then 503
    hc.setMaxLifetime(29 * 60_000);
    hc.setKeepaliveTime(60_000);
    return new Database(new HikariDataSource(hc));
  }

  /** How often the pool's connection attempt tries again while no host is a primary, and for how long. */
  static final Duration PRIMARY_RETRY = Duration.ofMillis(250);
  static final Duration PRIMARY_PATIENCE = Duration.ofSeconds(10);

  /**
   * pgjdbc connection properties the pool sets unless {@code db.url} names them (a parameter in
   * the URL wins): connect only to the primary of a multi-host URL
   * ({@code jdbc:postgresql://db1:5432,db2:5432/cphub}), re-check which host is primary after 2 s
   * instead of 10 (a failover is found sooner), and bound every wait on a dead host: 5 s to
   * connect, 30 s for any one answer, TCP keepalive on idle connections.
   */
  static final java.util.Map<String, String> URL_DEFAULTS = java.util.Map.of(
      "targetServerType", "primary",
      "hostRecheckSeconds", "2",
      "connectTimeout", "5",
      "loginTimeout", "5",
      "socketTimeout", "30",
      "tcpKeepAlive", "true",
      "ApplicationName", "cphub-registry");

  /** A Jdbi with the plugins the registry's DAOs need, on any data source. */
  public static Jdbi jdbi(DataSource dataSource) {
    return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
