package io.cphub.proxy.route;

import static io.cphub.proxy.route.FeedFollowerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.proxy.route.FeedWriter.Op;
import io.cphub.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy follows one history of the registry database: after a failover, a restore or a copy
 * it goes on from its version only if the database still holds the change it applied there, and
 * otherwise reloads the whole table. Each case runs on real PostgreSQL: a copy of the database
 * (CREATE DATABASE ... TEMPLATE: a new feed identity, the same epoch) stands for a promoted
 * replica, and pg_dump/pg_restore for a restore from an older backup.
 */
class FeedHistoryTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @TempDir
  Path dir;
  final AtomicReference<String> target = new AtomicReference<>();
  final List<String> copies = new java.util.ArrayList<>();
  FeedFollower follower;
  LiveTable live;

  @AfterEach
  void stop() throws SQLException {
    if (follower != null) {
      follower.close();
    }
    for (String db : copies) {
      admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
  }

  private Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(urlOf(db), PG.db().user(), PG.db().password());
  }

  private static String urlOf(String db) {
    return PG.db().url().replace("/" + PG.db().name(), "/" + db);
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A copy of the test database as it is now: a new database, so a new feed identity, same epoch. */
  private String copy() throws SQLException {
    String name = "cphub_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + PG.db().name() + "'");
    admin("CREATE DATABASE " + name + " TEMPLATE " + PG.db().name());
    copies.add(name);
    return name;
  }

  private void startFollower(RouteTable initial) {
    target.set(PG.db().name());
    live = new LiveTable(Clock.systemUTC(), initial, Instant.now());
    FeedFollower.Connector connector = () -> connect(target.get());
    follower = new FeedFollower(connector, new RouteSource(Clock.systemUTC()), live, Clock.systemUTC(),
        Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(300), 1000, t -> { });
    follower.start();
  }

  /** Points the follower at {@code db} and cuts its connection, as a failover does. */
  private void failOverTo(String db) throws SQLException {
    String old = target.getAndSet(db);
    admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + old + "'");
  }

  /** Keeps the follower away from every database (it retries a missing one) until {@link #failOverTo}. */
  private void hold() throws SQLException {
    failOverTo("cphub_nowhere");
    await(() -> !live.connected(), "follower disconnected");
  }

  private static Map<String, Integer> table(Connection c, String sql) throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  /** The live table equals the database's route and account_route tables exactly (whole tables). */
  private void assertMatches(String db) throws SQLException {
    Map<String, Integer> domains = new HashMap<>();
    Map<String, Integer> accounts = new HashMap<>();
    live.current().forEachDomain(domains::put);
    live.current().forEachAccount(accounts::put);
    try (Connection c = connect(db)) {
      assertThat(domains).isEqualTo(table(c, "SELECT domain, server_id FROM route"));
      assertThat(accounts).isEqualTo(table(c, "SELECT username, server_id FROM account_route"));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM feed_head")) {
        rs.next();
        assertThat(live.current().version()).isEqualTo(rs.getLong(1));
      }
    }
  }

  private static String identity(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT cphub_feed_identity()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void feedIdentity_isSystemTimelineDatabaseAndEpoch_andACopyHasAnotherOne() throws Exception {
    String copy = copy();
    try (Connection a = PG.db().connect(); Connection b = connect(copy)) {
      String ia = identity(a);
      assertThat(ia).matches("\\d+-\\d+-\\d+-[0-9a-f-]{36}");
      assertThat(identity(a)).isEqualTo(ia);
      String ib = identity(b);
      assertThat(ib).isNotEqualTo(ia);
      assertThat(ib.substring(ib.length() - 36)).isEqualTo(ia.substring(ia.length() - 36));
    }
  }

  @Test
  void reconnectToTheSameHistory_catchesUpWithoutReload() throws Exception {
    int s;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      s = w.server("same.hoster.test", "10.1.0.1", null);
      w.commit(List.of(Op.domain("one.example", s)));
    }
    startFollower(RouteTable.empty(Instant.now()));
    await(() -> live.current().forDomain("one.example") != null, "first load");
    for (int i = 0; i < 3; i++) {
      failOverTo(PG.db().name());
      long v;
      try (FeedWriter w = new FeedWriter(PG.db().connect())) {
        v = w.commit(List.of(Op.domain("again" + i + ".example", s)));
      }
      await(() -> live.current().version() == v && live.connected(), "catch-up " + v);
    }
    assertThat(follower.reloads()).isEqualTo(1);
    assertMatches(PG.db().name());
  }

  @Test
  void newHistoryWithTheSameChanges_isFollowedWithoutReload() throws Exception {
    int s;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      s = w.server("switch.hoster.test", "10.2.0.1", null);
      w.commit(List.of(Op.domain("kept.example", s), Op.account("kept", s)));
    }
    startFollower(RouteTable.empty(Instant.now()));
    await(() -> live.current().forDomain("kept.example") != null, "first load");
    String before = live.current().point().identity();
    hold();
    String promoted = copy();
    failOverTo(promoted);
    long v;
    try (FeedWriter w = new FeedWriter(connect(promoted))) {
      v = w.commit(List.of(Op.domain("after.example", s)));
    }
    await(() -> live.current().version() == v, "follow the new primary");
    assertThat(live.current().point().identity()).isNotEqualTo(before);
    assertThat(follower.reloads()).isEqualTo(1);
    assertMatches(promoted);
  }

  /** The race the head check alone misses: the new history's head is already past the proxy. */
  @Test
  void newHistoryWhoseHeadIsPastTheProxyWithOtherChanges_reloads() throws Exception {
    int s;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      s = w.server("lag.hoster.test", "10.3.0.1", null);
      w.commit(List.of(Op.domain("base.example", s)));
    }
    String replica = copy();
    startFollower(RouteTable.empty(Instant.now()));
    long lost;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      lost = w.commit(List.of(Op.domain("lost1.example", s), Op.domain("lost2.example", s)));
    }
    await(() -> live.current().version() == lost, "the writes the replica never got");
    long head;
    try (FeedWriter w = new FeedWriter(connect(replica))) {
      w.commit(List.of(Op.domain("new1.example", s), Op.domain("new2.example", s)));
      head = w.commit(List.of(Op.domain("new3.example", s), Op.account("newuser", s)));
    }
    assertThat(head).isGreaterThan(lost);
    long reloads = follower.reloads();
    failOverTo(replica);
    await(() -> follower.reloads() > reloads && live.current().version() == head, "reload onto the new history");
    assertThat(live.current().forDomain("lost1.example")).isNull();
    assertMatches(replica);
  }

  /** Same feed identity (restored into the same database), different changes past the proxy. */
  @Test
  void restoreOfAnOlderDumpIntoTheSameDatabase_reloads() throws Exception {
    Assumptions.assumeTrue(onPath("pg_dump") && onPath("pg_restore"), "needs pg_dump and pg_restore");
    Assumptions.assumeTrue(dumpToolsCanReadTheServer(),
        "pg_dump older than the test's PostgreSQL server (an embedded server newer than the machine's tools)");
    int s;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      s = w.server("restore.hoster.test", "10.4.0.1", null);
      w.commit(List.of(Op.domain("old.example", s)));
    }
    Path dump = dir.resolve("registry.dump");
    run("pg_dump", "-Fc", "-f", dump.toString(), "-d", PG.db().name());
    startFollower(RouteTable.empty(Instant.now()));
    long after;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      after = w.commit(List.of(Op.domain("gone1.example", s), Op.domain("gone2.example", s)));
    }
    await(() -> live.current().version() == after, "writes after the dump");
    String identity = live.current().point().identity();
    hold();
    run("pg_restore", "--clean", "--if-exists", "--single-transaction", "-d", PG.db().name(), dump.toString());
    long head;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      head = w.commit(List.of(Op.domain("r1.example", s), Op.domain("r2.example", s), Op.domain("r3.example", s)));
    }
    assertThat(head).isGreaterThan(after);
    failOverTo(PG.db().name());
    await(() -> live.current().version() == head && live.current().forDomain("gone1.example") == null,
        "reload after the restore");
    assertThat(live.current().point().identity()).isEqualTo(identity);
    assertThat(follower.reloads()).isEqualTo(2);
    assertMatches(PG.db().name());
  }

  /** The same without binaries: change-log rows rewritten in place, head moved past the proxy. */
  @Test
  void rewrittenChangeLogAtTheProxysVersion_reloads() throws Exception {
    int s;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      s = w.server("rewrite.hoster.test", "10.5.0.1", null);
    }
    startFollower(RouteTable.empty(Instant.now()));
    long v;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      v = w.commit(List.of(Op.domain("x.example", s)));
    }
    await(() -> live.current().version() == v, "x applied");
    hold();
    try (Connection c = PG.db().connect(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("DELETE FROM route WHERE domain = 'x.example'");
      st.execute("DELETE FROM change_log WHERE version = " + v);
      st.execute("UPDATE feed_head SET version = " + (v - 1));
      c.commit();
    }
    long head;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      head = w.commit(List.of(Op.domain("y.example", s), Op.domain("z.example", s)));
    }
    failOverTo(PG.db().name());
    await(() -> live.current().version() == head && live.current().forDomain("x.example") == null, "reload");
    assertThat(follower.reloads()).isEqualTo(2);
    assertMatches(PG.db().name());
  }

  /** A table file from the old history is not continued on the new one, and is replaced. */
  @Test
  void tableFileFromADivergedHistory_isReloadedAndOverwritten() throws Exception {
    int s;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      s = w.server("file.hoster.test", "10.6.0.1", null);
      w.commit(List.of(Op.domain("f0.example", s)));
    }
    String replica = copy();
    Path file = dir.resolve("routes.bin");
    startFollower(RouteTable.empty(Instant.now()));
    long v;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      v = w.commit(List.of(Op.domain("f1.example", s)));
    }
    await(() -> live.current().version() == v, "f1 applied");
    TableSaver saver = new TableSaver(file, live);
    assertThat(saver.saveIfChanged()).isTrue();
    follower.close();
    try (FeedWriter w = new FeedWriter(connect(replica))) {
      assertThat(w.commit(List.of(Op.domain("g1.example", s)))).isEqualTo(v);
    }
    TableFile.Saved saved = TableFile.read(file);
    assertThat(saved.table().version()).isEqualTo(v);
    assertThat(saved.table().point().lastChange()).isNotEmpty();
    startFollower(saved.table());
    failOverTo(replica);
    await(() -> live.current().forDomain("g1.example") != null, "reload onto the replica's history");
    assertThat(live.current().forDomain("f1.example")).isNull();
    assertThat(live.current().version()).isEqualTo(v);
    assertMatches(replica);
    TableSaver again = new TableSaver(file, live);
    assertThat(again.saveIfChanged()).isTrue();
    RouteTable back = TableFile.read(file).table();
    assertThat(back.forDomain("g1.example")).isNotNull();
    assertThat(back.forDomain("f1.example")).isNull();
    assertThat(back.point()).isEqualTo(live.current().point());
    saver.close();
    again.close();
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (java.nio.file.Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  /** pg_dump refuses a server of a newer major version than its own. */
  private static boolean dumpToolsCanReadTheServer() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true);
    pb.environment().put("PGHOST", PG.db().host());
    pb.environment().put("PGPORT", Integer.toString(PG.db().port()));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.\\d+").matcher(out);
    if (!m.find()) {
      return false;
    }
    try (Connection c = PG.db().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version_num")) {
      rs.next();
      return Integer.parseInt(m.group(1)) >= Integer.parseInt(rs.getString(1)) / 10000;
    }
  }

  private static void run(String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGHOST", PG.db().host());
    pb.environment().put("PGPORT", Integer.toString(PG.db().port()));
    pb.environment().put("PGUSER", PG.db().user());
    if (PG.db().password() != null) {
      pb.environment().put("PGPASSWORD", PG.db().password());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
  }
}
