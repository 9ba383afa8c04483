package io.cphub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.registry.store.SchemaCheck.SchemaTooOldException;
import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry starts only on a schema at least as new as its newest migration, read as a login
 * role of {@code cphub_registry} (not the schema owner), as in production. Each test puts the
 * history back as it found it.
 */
class SchemaCheckTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private void sql(String... statements) throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
    }
  }

  private String newest() throws Exception {
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT max(version::int) FROM flyway_schema_history WHERE success")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** A registry logging in as {@code role}, a member of cphub_registry. */
  private Registry startAs(String role) throws Exception {
    return Registry.start(Fixtures.config(PG.db(), Map.of("db.user", role, "db.password", "")), Clock.systemUTC());
  }

  private void withRole(String role, ThrowingRunnable body) throws Exception {
    sql("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN IN ROLE cphub_registry");
    try {
      body.run();
    } finally {
      sql("DROP OWNED BY " + role, "DROP ROLE " + role);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void currentSchema_startsAsARegistryRole_andANewerSchemaToo() throws Exception {
    withRole("schema_check_ok", () -> {
      try (Registry r = startAs("schema_check_ok")) {
        assertThat(new HttpApi(r.port()).get("/healthz", null).status()).isEqualTo(200);
      }
      sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, installed_by,"
          + " execution_time, success) VALUES (9999, '9999', 'from a newer release', 'SQL', 'V9999__x.sql', 'test', 0, true)");
      try (Registry r = startAs("schema_check_ok")) {
        assertThat(r.port()).isPositive();
      } finally {
        sql("DELETE FROM flyway_schema_history WHERE version = '9999'");
      }
    });
  }

  @Test
  void schemaOlderThanTheRegistryNeeds_isRefused_sayingBothVersions() throws Exception {
    String newest = newest();
    try {
      sql("UPDATE flyway_schema_history SET success = false WHERE version = '" + newest + "'");
      String older = newest();
      withRole("schema_check_old", () -> assertThatThrownBy(() -> startAs("schema_check_old"))
          .isInstanceOf(SchemaTooOldException.class)
          .hasMessageContaining("schema is at version " + older)
          .hasMessageContaining("needs version " + newest)
          .hasMessageContaining("migrate"));
      sql("UPDATE flyway_schema_history SET success = false");
      withRole("schema_check_none", () -> assertThatThrownBy(() -> startAs("schema_check_none"))
          .isInstanceOf(SchemaTooOldException.class).hasMessageContaining("version (none)"));
    } finally {
      sql("UPDATE flyway_schema_history SET success = true");
    }
  }

  @Test
  void historyTableNotReadable_isRefused_namingTheUserAndTheFix() throws Exception {
    sql("REVOKE SELECT ON flyway_schema_history FROM cphub_registry");
    try {
      withRole("schema_check_denied", () -> assertThatThrownBy(() -> startAs("schema_check_denied"))
          .isInstanceOf(SchemaTooOldException.class)
          .hasMessageContaining("db.user schema_check_denied")
          .hasMessageContaining("permission denied")
          .hasMessageContaining("migrate"));
    } finally {
      sql("GRANT SELECT ON flyway_schema_history TO cphub_registry");
    }
  }
}
