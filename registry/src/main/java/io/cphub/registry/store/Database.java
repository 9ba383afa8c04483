package io.cphub.registry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cphub.registry.config.RegistryConfig;
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

  /** Opens a pool for {@code config}'s database; fails fast when it cannot connect. */
  public static Database open(RegistryConfig config) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("cphub-registry");
    hc.setJdbcUrl(config.dbUrl());
    hc.setUsername(config.dbUser());
    if (config.dbPassword() != null) {
      hc.setPassword(config.dbPassword());
    }
    hc.setMaximumPoolSize(config.dbPoolSize());
    hc.setMinimumIdle(config.dbPoolSize());
    hc.setConnectionTimeout(10_000);
    hc.setMaxLifetime(29 * 60_000);
    hc.setKeepaliveTime(60_000);
    return new Database(new HikariDataSource(hc));
  }

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
