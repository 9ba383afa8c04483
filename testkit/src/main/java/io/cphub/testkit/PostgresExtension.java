package io.cphub.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class its own freshly migrated database:
 * {@code @RegisterExtension static final PostgresExtension PG = new PostgresExtension();} then
 * {@code PG.db()}. The database is dropped after the class.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
  private final boolean migrated;
  private volatile TestDatabase db;

  public PostgresExtension() {
    this(true);
  }

  private PostgresExtension(boolean migrated) {
    this.migrated = migrated;
  }

  /** An extension whose database has no schema yet. */
  public static PostgresExtension empty() {
    return new PostgresExtension(false);
  }

  public TestDatabase db() {
    if (db == null) {
      throw new IllegalStateException("PostgresExtension must be registered as a static @RegisterExtension field");
    }
    return db;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    db = migrated ? TestDatabases.createMigrated() : TestDatabases.createEmpty();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (db != null) {
      db.drop();
    }
  }
}
