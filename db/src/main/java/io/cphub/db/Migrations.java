package io.cphub.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies cphub's Flyway migrations: the only way the schema changes. Stateless; safe to call
 * from several processes at once (Flyway takes a lock in the database).
 */
public final class Migrations {
  static final String LOCATION = "classpath:db/migration";

  private Migrations() {}

  /** Migrates the database behind {@code url} to the newest version and returns that version. */
  public static String migrate(String url, String user, String password) {
    return result(Flyway.configure().dataSource(url, user, password)).targetSchemaVersion;
  }

  /** Migrates the database behind {@code dataSource}; returns the schema version. */
  public static String migrate(DataSource dataSource) {
    return result(Flyway.configure().dataSource(dataSource)).targetSchemaVersion;
  }

  /** The newest version these migrations define, to compare with a database's. */
  public static String latestVersion(String url, String user, String password) {
    var info = config(Flyway.configure().dataSource(url, user, password)).load().info();
    var all = info.all();
    return all.length == 0 ? null : all[all.length - 1].getVersion().getVersion();
  }

  /**
   * The newest version these migrations define, read from the classpath through {@code dataSource}
   * (Flyway needs one; nothing is written).
   */
  public static String latestVersion(DataSource dataSource) {
    var all = config(Flyway.configure().dataSource(dataSource)).load().info().all();
    String newest = null;
    for (var m : all) {
      if (m.getVersion() != null && (newest == null
          || m.getVersion().compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(newest)) > 0)) {
        newest = m.getVersion().getVersion();
      }
    }
    return newest;
  }

  /** The version the database is at now, or null when it was never migrated. */
  public static String currentVersion(String url, String user, String password) {
    var current = config(Flyway.configure().dataSource(url, user, password)).load().info().current();
    return current == null ? null : current.getVersion().getVersion();
  }

  private static MigrateResult result(org.flywaydb.core.api.configuration.FluentConfiguration c) {
    MigrateResult r = config(c).load().migrate();
    if (r.targetSchemaVersion == null && r.initialSchemaVersion != null) {
      r.targetSchemaVersion = r.initialSchemaVersion;
    }
    return r;
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration config(
      org.flywaydb.core.api.configuration.FluentConfiguration c) {
    return c.locations(LOCATION).failOnMissingLocations(true).validateMigrationNaming(true);
  }
}
