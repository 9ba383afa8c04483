package io.cphub.registry.store;

import io.cphub.db.Migrations;
import io.cphub.registry.RegistryException;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to serve on a schema older than the newest migration this registry was built with
 * (the migrations of the db module on its classpath): the highest successful version in
 * {@code flyway_schema_history} must be at least that one. A newer schema is accepted (during an
 * upgrade the migration runs first, then the registries are replaced). Stateless.
 */
public final class SchemaCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaCheck.class);

  private SchemaCheck() {}

  /** Thrown when the database's schema is older than the registry needs, or cannot be read. */
  public static final class SchemaTooOldException extends RegistryException {
    private static final long serialVersionUID = 1L;

    SchemaTooOldException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns the database's schema version, or throws {@link SchemaTooOldException}. */
  public static String verify(Database db, String dbUser) {
    List<String> applied;
    try {
      applied = db.jdbi().withExtension(SchemaDao.class, SchemaDao::appliedVersions);
    } catch (JdbiException e) {
      throw new SchemaTooOldException("cannot read the schema version (flyway_schema_history) as db.user " + dbUser
          + ": " + e.getCause().getMessage() + "; run this version's `migrate` as the schema owner"
          + " (it creates the schema and grants cphub_registry SELECT on flyway_schema_history)", e);
    }
    String needed = Migrations.latestVersion(db.dataSource());
    MigrationVersion have = applied.stream().map(MigrationVersion::fromVersion).max(MigrationVersion::compareTo)
        .orElse(null);
    if (have == null || have.compareTo(MigrationVersion.fromVersion(needed)) < 0) {
      throw new SchemaTooOldException("database schema is at version " + (have == null ? "(none)" : have.getVersion())
          + ", this registry needs version " + needed + ": run this version's `migrate` first", null);
    }
    if (have.compareTo(MigrationVersion.fromVersion(needed)) > 0) {
      LOG.info("database schema version {} is newer than this registry's {} (a newer version migrated it)",
          have.getVersion(), needed);
    }
    return have.getVersion();
  }
}
