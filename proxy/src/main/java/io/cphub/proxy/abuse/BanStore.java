package io.cphub.proxy.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ban} table: SQL from the classpath files next to this class, run on a connection the
 * caller owns (autocommit: every write is one statement that also NOTIFYs {@code cphub_bans}).
 * Keys read back are turned into this node's canonical form. Stateless and thread-safe.
 */
final class BanStore {
  static final String CHANNEL = "cphub_bans";
  private static final String INSERT = sql("insert.sql");
  private static final String ACTIVE = sql("active.sql");
  private static final String BY_ID = sql("by-id.sql");
  private static final String PURGE = sql("purge.sql");
  private static final String LIST = sql("list.sql");
  private static final String LIFT = sql("lift.sql");
  private static final String NOTIFY = sql("notify.sql");

  /** A stored ban and, when an operator lifted it, when and by whom. */
  record Row(Ban ban, Instant liftedAt, String liftedBy) {
    boolean inForceAt(Instant now) {
      return liftedAt == null && ban.activeAt(now);
    }
  }

  private BanStore() {}

  /** Writes a node's ban; the stored row, or null when an active ban of that key already exists. */
  static Row insert(Connection c, Ban b, GuardConfig cfg) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(INSERT)) {
      st.setString(1, b.kind().label());
      st.setString(2, b.kind().label());
      st.setString(3, b.key());
      st.setString(4, b.reason());
      st.setInt(5, b.failures());
      st.setInt(6, b.attempts());
      st.setObject(7, time(b.createdAt()));
      st.setObject(8, time(b.expiresAt()));
      st.setString(9, b.createdBy());
      st.setDouble(10, cfg.repeatWindow().toSeconds());
      st.setDouble(11, cfg.banMaxDuration().toSeconds());
      st.setDouble(12, cfg.banDuration().toSeconds());
      st.setDouble(13, cfg.repeatWindow().toSeconds());
      List<Row> rows = rows(st);
      return rows.isEmpty() ? null : rows.get(0);
    }
  }

  static List<Row> active(Connection c, Instant now) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(ACTIVE)) {
      st.setObject(1, time(now));
      return rows(st);
    }
  }

  /** The rows a notification names (those still there). */
  static List<Row> byIds(Connection c, Long[] ids) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(BY_ID)) {
      st.setArray(1, c.createArrayOf("bigint", ids));
      return rows(st);
    }
  }

  /** One NOTIFY for the ban rows written in one round (ids comma-separated, under 8000 bytes). */
  static void announce(Connection c, String ids) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(NOTIFY)) {
      st.setString(1, ids);
      st.executeQuery().close();
    }
  }

  static int purge(Connection c, Instant endedBefore) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(PURGE)) {
      st.setObject(1, time(endedBefore));
      return st.executeUpdate();
    }
  }

  static List<Row> list(Connection c, Instant now, boolean includeEnded) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(LIST)) {
      st.setBoolean(1, includeEnded);
      st.setObject(2, time(now));
      return rows(st);
    }
  }

  /** Lifts the ban in force on a target; the lifted row, or null when there was none. */
  static Row lift(Connection c, Ban.Kind kind, String key, Instant now, String by) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(LIFT)) {
      st.setObject(1, time(now));
      st.setString(2, by);
      st.setString(3, kind.label());
      st.setString(4, kind.label());
      st.setString(5, key);
      st.setObject(6, time(now));
      List<Row> rows = rows(st);
      return rows.isEmpty() ? null : rows.get(0);
    }
  }

  /** The canonical in-memory key for a key as stored, or null when it cannot be one. */
  static String canonicalKey(Ban.Kind kind, String stored) {
    return switch (kind) {
      case ACCOUNT -> stored;
      case IP -> {
        ClientAddress a = ClientAddress.parse(stored);
        yield a == null ? null : a.key();
      }
      case NET -> {
        int slash = stored.indexOf('/');
        ClientAddress a = slash < 0 ? null : ClientAddress.parse(stored.substring(0, slash));
        String prefix = slash < 0 ? "" : stored.substring(slash + 1);
        String net = null;
        for (int p : a == null ? new int[0] : a.prefixes()) {
          if (prefix.equals(Integer.toString(p))) {
            net = a.network(p);
          }
        }
        yield net;
      }
    };
  }

  private static List<Row> rows(PreparedStatement st) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Ban.Kind kind = Ban.Kind.of(rs.getString("kind"));
        String key = canonicalKey(kind, rs.getString("key"));
        if (key == null) {
          throw new AbuseException("ban " + rs.getLong("id") + " has a key this node cannot read: "
              + io.cphub.model.Printable.of(rs.getString("key")));
        }
        Ban b = new Ban(rs.getLong("id"), kind, key, rs.getString("reason"), rs.getInt("failures"),
            rs.getInt("attempts"), rs.getInt("offences"), instant(rs, "created_at"), instant(rs, "expires_at"),
            rs.getString("created_by"));
        out.add(new Row(b, instant(rs, "lifted_at"), rs.getString("lifted_by")));
      }
    }
    return out;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime time(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static String sql(String name) {
    try (InputStream in = BanStore.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name + " next to " + BanStore.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read classpath resource " + name, e);
    }
  }
}
