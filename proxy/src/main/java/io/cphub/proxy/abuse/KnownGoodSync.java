package io.cphub.proxy.abuse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares {@link KnownGood} pairs through the {@code known_good} table, on the ban follower's
 * connection and thread (never on the login path): at connect it reads the shared key and every
 * valid pair; each poll it writes queued pairs in one batch with one NOTIFY carrying their tags;
 * notifications from any node add their tags; now and then it purges expired rows and rows past
 * the bound. SQL from the classpath files next to this class. Single-threaded (the follower's).
 */
final class KnownGoodSync {
  static final String CHANNEL = "cphub_known_good";
  /** Pairs per batch: their hex tags, comma-separated, stay under NOTIFY's 8000-byte payload. */
  static final int BATCH = 400;
  private static final Logger LOG = LoggerFactory.getLogger(KnownGoodSync.class);
  private static final String KEY = BanStore.sql("known-good-key.sql");
  private static final String ACTIVE = BanStore.sql("known-good-active.sql");
  private static final String UPSERT = BanStore.sql("known-good-upsert.sql");
  private static final String PURGE = BanStore.sql("known-good-purge.sql");

  private final KnownGood knownGood;
  private final long max;
  private final Clock clock;
  private final GuardMetrics metrics;
  private boolean available;

  KnownGoodSync(KnownGood knownGood, long max, Clock clock, GuardMetrics metrics) {
    this.knownGood = knownGood;
    this.max = max;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Reads the key and every valid pair (after LISTEN, so nothing committed later is missed);
   * returns the count. A database without the V15 tables (or without the grants) only turns
   * sharing off for this connection, with a WARN: the bans are followed as before.
   */
  int load(Connection c) throws SQLException {
    try {
      int n = read(c);
      available = true;
      return n;
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
        throw e;
      }
      available = false;
      LOG.warn("known-good pairs are not shared ({}): this node knows only its own until it reconnects to a"
          + " database migrated to V15", e.getMessage());
      return 0;
    }
  }

  private int read(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(KEY); ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        throw new AbuseException("known_good_key is empty: the V15 migration did not run completely");
      }
      knownGood.useKey(rs.getBytes(1));
    }
    int n = 0;
    try (PreparedStatement st = c.prepareStatement(ACTIVE)) {
      st.setObject(1, time(clock.instant()));
      st.setLong(2, max);
      st.setFetchSize(10_000);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          knownGood.putShared(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli());
          n++;
        }
      }
    }
    return n;
  }

  /** Writes what successes queued, in batches; a failure loses that batch (they stay known here). */
  void write(Connection c) throws SQLException {
    if (!available) {
      return;
    }
    for (long[] tags = knownGood.drain(BATCH); tags.length > 0; tags = knownGood.drain(BATCH)) {
      StringBuilder payload = new StringBuilder(tags.length * 17);
      Long[] boxed = new Long[tags.length];
      for (int i = 0; i < tags.length; i++) {
        payload.append(i == 0 ? "" : ",").append(Long.toHexString(tags[i]));
        boxed[i] = tags[i];
      }
      try (PreparedStatement st = c.prepareStatement(UPSERT)) {
        st.setObject(1, time(clock.instant().plus(knownGood.ttl())));
        st.setArray(2, c.createArrayOf("bigint", boxed));
        st.setString(3, payload.toString());
        st.executeQuery().close();
      }
      metrics.knownGoodWritten("stored", tags.length);
    }
  }

  /** A notification from any node (this one included): its tags are known-good for a TTL from now. */
  void notified(String payload) {
    long until = clock.instant().plus(knownGood.ttl()).toEpochMilli();
    for (String hex : payload.split(",")) {
      try {
        knownGood.putShared(Long.parseUnsignedLong(hex, 16), until);
      } catch (NumberFormatException e) {
        LOG.warn("ignoring a {} notification with payload {}", CHANNEL, io.cphub.model.Printable.of(payload));
        return;
      }
    }
  }

  void purge(Connection c) throws SQLException {
    if (!available) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement(PURGE)) {
      st.setObject(1, time(clock.instant()));
      st.setLong(2, max);
      int gone = st.executeUpdate();
      if (gone > 0) {
        LOG.debug("purged {} known-good pairs (expired or past abuse.known-good.max)", gone);
      }
    }
  }

  private static OffsetDateTime time(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
