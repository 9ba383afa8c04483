package io.cphub.proxy.route;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small registry stand-in for tests: writes routes the way the registry contract says, in ONE
 * transaction: upsert/delete route and account_route rows, bump feed_head by n, insert the n
 * change_log rows, pg_notify the new version. Not thread-safe; one per connection.
 */
public final class FeedWriter implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Connection c;

  public FeedWriter(Connection c) throws SQLException {
    this.c = c;
    c.setAutoCommit(false);
  }

  /** One route change: kind domain/account/server; server null removes a domain or account. */
  public record Op(String kind, String key, Integer server, String address) {
    public static Op domain(String d, Integer server) {
      return new Op("domain", d, server, null);
    }

    public static Op account(String u, Integer server) {
      return new Op("account", u, server, null);
    }

    public static Op address(int server, String address) {
      return new Op("server", Integer.toString(server), server, address);
    }
  }

  /** Inserts a server (with a change_log 'server' row) and returns its id. */
  public int server(String name, String address, Integer imapPort) throws SQLException {
    byte[] hash = new byte[32];
    RANDOM.nextBytes(hash);
    int id;
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO server (name, address, imap_port, token_hash) VALUES (?, ?::inet, ?, ?) RETURNING id")) {
      ps.setString(1, name);
      ps.setString(2, address);
      ps.setObject(3, imapPort);
      ps.setBytes(4, hash);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getInt(1);
      }
    }
    finish(List.of(new Op("server", Integer.toString(id), id, null)));
    return id;
  }

  /** Applies the ops in one transaction; returns the new head version (-1 when nothing changed). */
  public long commit(List<Op> ops) throws SQLException {
    try {
      List<Op> sorted = new ArrayList<>(ops);
      sorted.sort(Comparator.comparing(Op::kind).thenComparing(Op::key));
      List<Op> changed = new ArrayList<>();
      for (Op op : sorted) {
        boolean did = switch (op.kind()) {
          case "domain" -> upsertOrDelete("route", "domain", op, true);
          case "account" -> upsertOrDelete("account_route", "username", op, false);
          default -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE server SET address = ?::inet WHERE id = ?")) {
              ps.setString(1, op.address());
              ps.setInt(2, op.server());
              yield ps.executeUpdate() > 0;
            }
          }
        };
        if (did) {
          changed.add(op);
        }
      }
      return finish(changed);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  private long finish(List<Op> ops) throws SQLException {
    if (ops.isEmpty()) {
      c.commit();
      return -1;
    }
    long v;
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE feed_head SET version = version + ? WHERE id = 1 RETURNING version")) {
      ps.setInt(1, ops.size());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        v = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO change_log (version, kind, key, server_id) VALUES (?, ?, ?, ?)")) {
      long version = v - ops.size() + 1;
      for (Op op : ops) {
        ps.setLong(1, version++);
        ps.setString(2, op.kind());
        ps.setString(3, op.key());
        ps.setObject(4, op.kind().equals("server") ? Integer.valueOf(op.key()) : op.server());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_notify('cphub_routes', '" + v + "')");
    }
    c.commit();
    return v;
  }

  /** Writes one op; true when a row really changed (only those go into the change log). */
  private boolean upsertOrDelete(String table, String column, Op op, boolean withUser) throws SQLException {
    if (op.server() == null) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " = ?")) {
        ps.setString(1, op.key());
        return ps.executeUpdate() > 0;
      }
    }
    String cols = withUser ? "(domain, server_id, username, version, standing_server_id, standing_since)"
        : "(username, server_id, version, standing_server_id, standing_since)";
    String vals = withUser ? "(?, ?, 'owner', (SELECT version + 1 FROM feed_head), ?, now())"
        : "(?, ?, (SELECT version + 1 FROM feed_head), ?, now())";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " " + cols + " VALUES " + vals
        + " ON CONFLICT (" + column + ") DO UPDATE SET server_id = excluded.server_id"
        + " WHERE " + table + ".server_id IS DISTINCT FROM excluded.server_id")) {
      ps.setString(1, op.key());
      ps.setInt(2, op.server());
      ps.setInt(3, op.server());
      return ps.executeUpdate() > 0;
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
