package io.cphub.proxy.bench;

import io.cphub.db.Migrations;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throw-away, migrated database for a benchmark on the server named by CPHUB_BENCH_JDBC_URL. */
final class BenchDatabase implements AutoCloseable {
  final String adminUrl;
  final String url;
  final String name = "cphub_bench_" + UUID.randomUUID().toString().substring(0, 8);

  BenchDatabase() throws SQLException {
    String env = System.getenv("CPHUB_BENCH_JDBC_URL");
    adminUrl = env != null ? env : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    URI u = URI.create(adminUrl.substring(5));
    url = "jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + "/" + name + (u.getQuery() == null ? "" : "?" + u.getQuery());
    exec(adminUrl, "CREATE DATABASE " + name);
    Migrations.migrate(url, null, null);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  static void exec(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Servers 1..n at 10.0.x.y and {@code domains} routes customerN.example-hosting.com. */
  void fill(int servers, int domains, int accounts) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO server (name, address, token_hash) SELECT 's' || g || '.hoster.test', "
          + "('10.0.' || (g / 250) || '.' || (1 + g % 250))::inet, sha256(g::text::bytea) FROM generate_series(1, " + servers + ") g");
      s.execute("INSERT INTO route (domain, server_id, username, version, standing_server_id, standing_since) "
          + "SELECT 'customer' || g || '.example-hosting.com', 1 + g % " + servers + ", 'user' || (g % 100000), 1, "
          + "1 + g % " + servers + ", now() FROM generate_series(1, " + domains + ") g");
      s.execute("INSERT INTO account_route (username, server_id, version, standing_server_id, standing_since) "
          + "SELECT 'user' || g, 1 + g % " + servers + ", 1, 1 + g % " + servers + ", now() "
          + "FROM generate_series(1, " + accounts + ") g");
      s.execute("UPDATE feed_head SET version = 1");
      s.execute("ANALYZE");
    }
  }

  @Override
  public void close() throws SQLException {
    exec(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
