package io.cphub.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FeedFollowerTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();
  static final String ROLE = "cphub_proxy_t_" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir
  Path dir;
  FeedFollower follower;
  LiveTable live;

  @BeforeAll
  static void proxyRole() throws SQLException {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'secret' IN ROLE cphub_proxy");
    }
  }

  @AfterAll
  static void dropRole() throws SQLException {
    PG.db().drop();
    try (Connection c = java.sql.DriverManager.getConnection(
        PG.db().url().replace("/" + PG.db().name(), "/postgres"), PG.db().user(), PG.db().password());
        Statement s = c.createStatement()) {
      s.execute("DROP ROLE IF EXISTS " + ROLE);
    }
  }

  @AfterEach
  void stop() {
    if (follower != null) {
      follower.close();
    }
  }

  private PgConnector proxyConnector() {
    return new PgConnector(PG.db().url(), ROLE, "secret", Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  private void startFollower(RouteTable initial) {
    live = new LiveTable(Clock.systemUTC(), initial, Instant.now());
    follower = new FeedFollower(proxyConnector(), new RouteSource(Clock.systemUTC()), live, Clock.systemUTC(),
        Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500), 1000, t -> { });
    follower.start();
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void followsSnapshotThenChanges_andServerAddressChangeIsOneChange() throws Exception {
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      int s1 = w.server("s1.hoster.test", "10.0.0.1", null);
      int s2 = w.server("s2.hoster.test", "10.0.0.2", 1143);
      w.commit(List.of(FeedWriter.Op.domain("a.example", s1), FeedWriter.Op.domain("b.example", s1),
          FeedWriter.Op.account("alice", s2)));
      startFollower(RouteTable.empty(Instant.now()));
      await(() -> live.current().forDomain("b.example") != null, "snapshot");
      assertThat(live.current().forDomain("a.example").address()).isEqualTo("10.0.0.1");
      assertThat(live.current().forAccount("alice").imapPort()).isEqualTo(1143);

      long v = w.commit(List.of(FeedWriter.Op.domain("a.example", s2), FeedWriter.Op.domain("b.example", null),
          FeedWriter.Op.domain("c.example", s1)));
      await(() -> live.current().version() == v, "changes");
      RouteTable t = live.current();
      assertThat(t.forDomain("a.example").id()).isEqualTo(s2);
      assertThat(t.forDomain("b.example")).isNull();
      assertThat(t.forDomain("c.example").name()).isEqualTo("s1.hoster.test");

      long v2 = w.commit(List.of(FeedWriter.Op.address(s1, "10.9.9.9")));
      await(() -> live.current().version() == v2, "server change");
      assertThat(live.current().forDomain("c.example").address()).isEqualTo("10.9.9.9");
      assertThat(follower.reloads()).isEqualTo(1);
    }
  }

  @Test
  void epochChange_reloadsWholeTable() throws Exception {
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      int s = w.server("s3.hoster.test", "10.0.0.3", null);
      w.commit(List.of(FeedWriter.Op.domain("epoch.example", s)));
      startFollower(RouteTable.empty(Instant.now()));
      await(() -> live.current().forDomain("epoch.example") != null, "snapshot");
      long reloads = follower.reloads();
      try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
        st.execute("DELETE FROM route WHERE domain = 'epoch.example'");
        st.execute("UPDATE feed_head SET epoch = gen_random_uuid()");
      }
      await(() -> live.current().forDomain("epoch.example") == null, "reload after epoch change");
      assertThat(follower.reloads()).isGreaterThan(reloads);
    }
  }

  @Test
  void prunedLog_reloads_andTerminatedConnection_catchesUp() throws Exception {
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      int s = w.server("s4.hoster.test", "10.0.0.4", null);
      startFollower(RouteTable.empty(Instant.now()));
      await(() -> live.current().server(s) != null, "snapshot");
      try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'");
      }
      long v = w.commit(List.of(FeedWriter.Op.domain("down.example", s)));
      await(() -> live.current().version() == v && live.connected(), "catch-up after terminate");
      assertThat(live.current().forDomain("down.example").id()).isEqualTo(s);

      long reloads = follower.reloads();
      follower.close();
      long v2 = w.commit(List.of(FeedWriter.Op.domain("pruned.example", s)));
      try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
        st.execute("DELETE FROM change_log");
      }
      RouteTable before = live.current();
      live = new LiveTable(Clock.systemUTC(), before, Instant.now());
      follower = new FeedFollower(proxyConnector(), new RouteSource(Clock.systemUTC()), live, Clock.systemUTC(),
          Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(500), 1000, t -> { });
      follower.start();
      await(() -> live.current().version() == v2, "reload after pruned log");
      assertThat(live.current().forDomain("pruned.example")).isNotNull();
      assertThat(follower.reloads()).isEqualTo(1);
      assertThat(reloads).isEqualTo(1);
    }
  }

  @Test
  void tableFile_roundTrips_andColdStartWithoutDatabase_servesFromIt() throws Exception {
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      int s = w.server("s5.hoster.test", "2001:db8::5", 993);
      w.commit(List.of(FeedWriter.Op.domain("file.example", s), FeedWriter.Op.account("bob", s)));
      RouteTable t;
      try (Connection c = proxyConnector().connect()) {
        t = new RouteSource(Clock.systemUTC()).snapshot(c);
      }
      Path file = dir.resolve("routes.bin");
      Instant saved = Instant.parse("2026-01-02T03:04:05Z");
      TableFile.write(file, t, saved);
      TableFile.Saved back = TableFile.read(file);
      assertThat(back.savedAt()).isEqualTo(saved);
      assertThat(back.table().source()).isEqualTo(RouteTable.Source.FILE);
      assertThat(back.table().version()).isEqualTo(t.version());
      assertThat(back.table().forDomain("file.example")).isEqualTo(t.forDomain("file.example"));
      assertThat(back.table().forAccount("bob").address()).isEqualTo("2001:db8::5");

      live = new LiveTable(Clock.systemUTC(), back.table(), back.savedAt());
      follower = new FeedFollower(() -> {
        throw new SQLException("connection refused");
      }, new RouteSource(Clock.systemUTC()), live, Clock.systemUTC(), Duration.ofMillis(200), Duration.ofMillis(10),
          Duration.ofMillis(20), 1000, x -> { });
      follower.start();
      await(() -> live.staleness().toDays() > 100, "staleness from file age");
      assertThat(live.connected()).isFalse();
      assertThat(live.current().forDomain("file.example")).isNotNull();
    }
  }

  @Test
  void corruptTableFile_isRejected(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("routes.bin");
    java.nio.file.Files.write(file, new byte[] {0x43, 0x50, 0x48, 0x52, 0, 0, 0, 1, 9});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TableFile.read(file))
        .isInstanceOf(TableFileException.class).hasMessageContaining("truncated");
  }
}
