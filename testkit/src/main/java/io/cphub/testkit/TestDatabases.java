package io.cphub.testkit;

import io.cphub.db.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Makes test databases on the shared test server. The first call migrates a template database
 * with the real migrations; every later database is a copy of it, so each test class starts from
 * a freshly migrated schema in milliseconds. Thread-safe.
 */
public final class TestDatabases {
  private static String template;

  private TestDatabases() {}

  /** A new, migrated database. */
  public static TestDatabase createMigrated() {
    PostgresServer server = PostgresServer.get();
    String tpl = template(server);
    return create(server, "TEMPLATE " + tpl);
  }

  /** A new database without any schema, for migration tests. */
  public static TestDatabase createEmpty() {
    return create(PostgresServer.get(), "");
  }

  private static synchronized String template(PostgresServer server) {
    if (template == null) {
      String name = "cphub_tpl_" + suffix();
      execute(server, "CREATE DATABASE " + name);
      Migrations.migrate(server.url(name), server.user, server.password);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name), "drop-template"));
      template = name;
    }
    return template;
  }

  private static synchronized TestDatabase create(PostgresServer server, String clause) {
    String name = "cphub_t_" + suffix();
    execute(server, "CREATE DATABASE " + name + " " + clause);
    return new TestDatabase(server, name);
  }

  static void drop(PostgresServer server, String name) {
    try {
      execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (RuntimeException e) {
      // best effort: the server may already be gone at JVM exit
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static void execute(PostgresServer server, String sql) {
    try (Connection c = server.admin(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed: " + sql + ": " + e.getMessage(), e);
    }
  }
}
