package io.cphub.proxy.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads routes, servers, the feed head and change-log rows from the registry database. Read-only:
 * it never writes. Queries live next to this class as {@code .sql} resources. Stateless apart from
 * the query texts; the connection is the caller's.
 */
public final class RouteSource {
  private static final int FETCH = 10_000;
  private final String head = sql("head.sql");
  private final String servers = sql("servers.sql");
  private final String routes = sql("routes.sql");
  private final String accountRoutes = sql("account-routes.sql");
  private final String changes = sql("changes.sql");
  private final String changeAt = sql("change-at.sql");
  private final Clock clock;

  public RouteSource(Clock clock) {
    this.clock = clock;
  }

  /** The feed head: epoch, version and the feed identity ({@code cphub_feed_identity()}). */
  record Head(UUID epoch, long version, String identity) {}

  /**
   * A consistent snapshot in one REPEATABLE READ, READ ONLY transaction: head, servers, routes and
   * account routes as of the same moment. Leaves the connection in autocommit mode.
   */
  public RouteTable snapshot(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    try {
      Head h = head(c);
      TableBuilder b = new TableBuilder();
      b.replaceServers(servers(c));
      stream(c, routes, b::domain);
      stream(c, accountRoutes, b::account);
      FeedPoint point = new FeedPoint(h.identity(), changeAt(c, h.version()));
      c.commit();
      return b.build(h.epoch(), h.version(), RouteTable.Source.DATABASE, clock.instant(), point);
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      c.setReadOnly(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      c.setAutoCommit(auto);
    }
  }

  Head head(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(head)) {
      if (!rs.next()) {
        throw new FeedException("feed_head has no row: the database is not a migrated cphub registry");
      }
      return new Head(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3));
    }
  }

  /** The fingerprint of the change-log row at {@code version}, or "" when there is none (pruned, or 0). */
  String changeAt(Connection c, long version) throws SQLException {
    if (version <= 0) {
      return "";
    }
    try (PreparedStatement ps = c.prepareStatement(changeAt)) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }

  Map<Integer, Backend> servers(Connection c) throws SQLException {
    Map<Integer, Backend> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(servers)) {
      while (rs.next()) {
        Backend b = new Backend(rs.getInt(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4),
            (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getString(7));
        out.put(b.id(), b);
      }
    }
    return out;
  }

  /** Change-log rows after {@code after}, in version order, at most {@code limit}. */
  List<Change> changes(Connection c, long after, int limit) throws SQLException {
    List<Change> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(changes)) {
      ps.setLong(1, after);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  private interface Row {
    void accept(String key, int serverId);
  }

  private static void stream(Connection c, String sql, Row row) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setFetchSize(FETCH);
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          row.accept(rs.getString(1), rs.getInt(2));
        }
      }
    }
  }

  private static String sql(String name) {
    try (InputStream in = RouteSource.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing query resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
