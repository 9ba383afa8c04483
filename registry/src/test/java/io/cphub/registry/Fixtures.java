package io.cphub.registry;

import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.Snapshot;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.registry.config.RegistryConfig;
import io.cphub.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for snapshots and direct reads of the tables, shared by the tests. */
public final class Fixtures {
  public static final String ADMIN = "admin-token-for-tests-0123456789";
  /** The actor of operator actions that tests call on the services directly. */
  public static final Actor OP = Actor.operator("test");

  private Fixtures() {}

  public static RegistryConfig config(TestDatabase db) {
    return config(db, Map.of("http.max-body-bytes", "65536", "http.max-account-body-bytes", "16384"));
  }

  /** A registry on {@code db} on a free loopback port, 4 threads, the test admin token, plus {@code more}. */
  public static RegistryConfig config(TestDatabase db, Map<String, String> more) {
    Map<String, String> v = new HashMap<>();
    v.put("db.url", db.url());
    v.put("db.user", db.user());
    v.put("db.password", db.password());
    v.put("db.pool-size", "4");
    v.put("http.port", "0");
    v.put("http.worker-threads", "4");
    v.put("admin.token", ADMIN);
    v.putAll(more);
    return ConfigLoader.of(v);
  }

  public static AccountEntry account(String user, boolean suspended, String... domains) {
    List<DomainEntry> d = new ArrayList<>();
    for (int i = 0; i < domains.length; i++) {
      d.add(new DomainEntry(domains[i], i == 0 ? DomainKind.MAIN : DomainKind.ADDON));
    }
    return new AccountEntry(user, domains.length == 0 ? user + ".example" : domains[0], "root", suspended, d);
  }

  /** An account whose domains are given with their kinds (the first is the primary domain). */
  public static AccountEntry entry(String user, boolean suspended, DomainEntry... domains) {
    return new AccountEntry(user, domains[0].name(), "root", suspended, List.of(domains));
  }

  /** The change-log rows of one domain or username, oldest first, as "kind key server" (server "-" for removal). */
  public static List<String> log(TestDatabase db, String key) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); var ps = c.prepareStatement("SELECT l.kind, l.key, coalesce(s.name, '-') "
        + "FROM change_log l LEFT JOIN server s ON s.id = l.server_id WHERE l.key = ? ORDER BY l.version")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
    }
    return out;
  }

  public static Snapshot snapshot(AccountEntry... accounts) {
    return new Snapshot(List.of(accounts), new AgentState("1.0", null, 0, null));
  }

  public static EnrolRequest enrol(String name, String address) {
    return new EnrolRequest(name, address, null, null, null);
  }

  /** domain -> server name, from the route table. */
  public static Map<String, String> routes(TestDatabase db) throws SQLException {
    return map(db, "SELECT r.domain, s.name FROM route r JOIN server s ON s.id = r.server_id ORDER BY 1");
  }

  /** username -> server name, from the account_route table. */
  public static Map<String, String> accountRoutes(TestDatabase db) throws SQLException {
    return map(db, "SELECT r.username, s.name FROM account_route r JOIN server s ON s.id = r.server_id ORDER BY 1");
  }

  public static long count(TestDatabase db, String table) throws SQLException {
    return number(db, "SELECT count(*) FROM " + table);
  }

  public static long feedVersion(TestDatabase db) throws SQLException {
    return number(db, "SELECT version FROM feed_head");
  }

  /** A fingerprint of every table a refused request must not change. */
  public static String state(TestDatabase db) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
    for (String q : List.of(
        "SELECT id, name, host(address), imap_port, pop3_port, smtp_port, state, last_sync_at, agent_state::text, "
            + "token_hash, old_token_hash, old_token_expires_at FROM server ORDER BY id",
        "SELECT * FROM account ORDER BY server_id, username", "SELECT * FROM domain_claim ORDER BY domain, server_id",
        "SELECT * FROM route ORDER BY domain", "SELECT * FROM account_route ORDER BY username",
        "SELECT * FROM pin ORDER BY kind, key", "SELECT * FROM feed_head", "SELECT * FROM contest ORDER BY kind, key",
        "SELECT * FROM contest_count", "SELECT version, kind, key, server_id FROM change_log ORDER BY version")) {
      try (ResultSet rs = s.executeQuery(q)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            b.append(rs.getString(i)).append('|');
          }
          b.append('\n');
        }
      }
      b.append("--\n");
    }
    }
    return b.toString();
  }

  public static long number(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, String> map(TestDatabase db, String sql) throws SQLException {
    Map<String, String> m = new LinkedHashMap<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getString(2));
      }
    }
    return m;
  }
}
