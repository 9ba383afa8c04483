package io.cphub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.db.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationsTest {
  @RegisterExtension static final PostgresExtension PG = PostgresExtension.empty();

  static final String TOKEN = "'\\x" + "ab".repeat(32) + "'::bytea";

  @BeforeAll
  static void migrate() {
    assertThat(Migrations.currentVersion(PG.db().url(), PG.db().user(), PG.db().password())).isNull();
    String version = Migrations.migrate(PG.db().url(), PG.db().user(), PG.db().password());
    assertThat(version).isEqualTo(Migrations.latestVersion(PG.db().url(), PG.db().user(), PG.db().password()));
  }

  @Test
  void migratingTwiceChangesNothing() {
    String again = Migrations.migrate(PG.db().url(), PG.db().user(), PG.db().password());
    assertThat(again).isEqualTo(Migrations.currentVersion(PG.db().url(), PG.db().user(), PG.db().password()));
  }

  @Test
  void feedHeadStartsAtZeroWithOneRow() throws SQLException {
    assertThat(query("SELECT count(*) || ':' || max(version) FROM feed_head")).isEqualTo("1:0");
    assertThatThrownBy(() -> exec("INSERT INTO feed_head VALUES (2, gen_random_uuid(), 0)"))
        .hasMessageContaining("feed_head_id_check");
  }

  @Test
  void validServerIsAccepted() throws SQLException {
    exec("INSERT INTO server (name, address, token_hash) VALUES ('s001.hoster.host', '10.0.0.1', " + TOKEN + ")");
    assertThat(query("SELECT host(address) FROM server WHERE name = 's001.hoster.host'")).isEqualTo("10.0.0.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO server (name, address, token_hash) VALUES ('S1.Hoster.host', '10.0.0.2', '\\x01')",
      "INSERT INTO server (name, address, token_hash) VALUES ('s2.hoster.host', '10.0.0.0/24', '\\xcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd')",
      "INSERT INTO server (name, address, token_hash) VALUES ('s3.hoster.host', 'not-an-ip', '\\x01')",
      "INSERT INTO server (name, address, token_hash, state) VALUES ('s4.hoster.host', '10.0.0.4', '\\xefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef', 'gone')",
      "INSERT INTO server (name, address, token_hash, imap_port) VALUES ('s5.hoster.host', '10.0.0.5', '\\x0101010101010101010101010101010101010101010101010101010101010101', 70000)",
      "INSERT INTO route (domain, server_id, username, version, standing_server_id, standing_since) "
          + "VALUES ('Bad..Domain', 1, 'bob', 1, 1, now())",
      "INSERT INTO route (domain, server_id, username, version, standing_server_id, standing_since) "
          + "VALUES ('*.example.com', 1, 'bob', 1, 1, now())",
      "INSERT INTO route (domain, server_id, username, version, standing_server_id, standing_since) "
          + "VALUES ('example.com', 1, 'Bob Smith', 1, 1, now())",
      "INSERT INTO change_log (version, kind, key) VALUES (0, 'domain', 'example.com')",
      "INSERT INTO change_log (version, kind, key) VALUES (5, 'alias', 'example.com')",
      "INSERT INTO pin (kind, key, server_id, reason) VALUES ('domain', 'no_underscores.com', 1, 'x')"
  })
  void badRowsAreRefusedByConstraints(String sql) {
    assertThatThrownBy(() -> exec(sql)).isInstanceOf(SQLException.class);
  }

  @Test
  void proxyRoleCannotReadTokenHashes() throws SQLException {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.execute("SET ROLE cphub_proxy");
      s.executeQuery("SELECT id, name, address, state FROM server").close();
      s.executeQuery("SELECT * FROM route").close();
      assertThatThrownBy(() -> s.executeQuery("SELECT token_hash FROM server"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM route"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void registryRoleWritesRoutes() throws SQLException {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.execute("SET ROLE cphub_registry");
      s.executeUpdate("UPDATE feed_head SET version = version");
      s.executeUpdate("UPDATE contest_count SET contests = contests");
      s.executeQuery("SELECT * FROM contest").close();
    }
  }

  private static void exec(String sql) throws SQLException {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String query(String sql) throws SQLException {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }
}
