package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Json;
import io.cphub.registry.audit.Actor;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /v1/bans} and {@code DELETE /v1/bans/{kind}/{key}} over a real socket, on ban rows
 * written as the proxies' abuse guard writes them: the lift is the proxy CLI's statement (the row
 * lifted, {@code cphub_bans} NOTIFYed with its id, which is what every proxy's ban follower acts
 * on), audited in the same transaction; refusals write nothing.
 */
class BanApiTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
  static Registry registry;
  static HttpApi http;
  static String serverToken;
  static String operatorToken;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), CLOCK);
    http = new HttpApi(registry.port());
    serverToken = http.json("POST", "/v1/servers", ADMIN, enrol("b1.hoster.test", "10.9.0.1")).as(EnrolResult.class).token();
    operatorToken = Json.mapper().readTree(http.json("POST", "/v1/operators", ADMIN,
        Map.of("name", "night", "reason", "rota")).body()).path("token").asText();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  /** A ban as a proxy node writes it: in force from an hour ago for {@code hours} more hours (negative: ended). */
  static long ban(String kind, String key, int hours) throws SQLException {
    try (Connection c = PG.db().connect(); PreparedStatement st = c.prepareStatement(
        "INSERT INTO ban (kind, key, reason, failures, attempts, created_at, expires_at, created_by) "
            + "VALUES (?, ?, 'distinct-passwords', 5, 9, ?, ?, 'proxy1') RETURNING id")) {
      st.setString(1, kind);
      st.setString(2, key);
      Instant now = CLOCK.instant();
      st.setTimestamp(3, Timestamp.from(now.minus(Duration.ofHours(hours < 0 ? -hours + 1 : 1))));
      st.setTimestamp(4, Timestamp.from(now.plus(Duration.ofHours(hours))));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static String banRow(long id) throws SQLException {
    try (Connection c = PG.db().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT kind, key, lifted_at, lifted_by FROM ban WHERE id = " + id)) {
      rs.next();
      Timestamp t = rs.getTimestamp(3);
      return rs.getString(1) + " " + rs.getString(2) + " " + (t == null ? null : t.toInstant()) + " " + rs.getString(4);
    }
  }

  static String bans() throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Connection c = PG.db().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM ban ORDER BY id")) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          b.append(rs.getString(i)).append('|');
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  static JsonNode get(String path, String token) throws Exception {
    HttpApi.Reply r = http.get(path, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  @Test
  void list_showsBansInForce_andWithAll_endedAndLiftedOnes() throws Exception {
    long inForce = ban("ip", "198.51.100.1", 2);
    long ended = ban("net", "198.51.100.0/24", -1);
    long lifted = ban("account", "listed@example.com", 3);
    try (Connection c = PG.db().connect(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE ban SET lifted_at = created_at + interval '1 minute', lifted_by = 'cli@proxy2' WHERE id = " + lifted);
    }
    JsonNode now = get("/v1/bans", ADMIN);
    assertThat(now.findValuesAsText("key")).contains("198.51.100.1").doesNotContain("198.51.100.0/24", "listed@example.com");
    JsonNode all = get("/v1/bans?all=true", operatorToken);
    assertThat(all.findValuesAsText("key")).contains("198.51.100.1", "198.51.100.0/24", "listed@example.com");
    for (JsonNode b : all) {
      long id = b.path("id").asLong();
      if (id == inForce) {
        assertThat(b.path("state").asText()).isEqualTo("in_force");
        assertThat(b.path("failures").asInt()).isEqualTo(5);
        assertThat(b.path("createdBy").asText()).isEqualTo("proxy1");
      } else if (id == ended) {
        assertThat(b.path("state").asText()).isEqualTo("ended");
      } else if (id == lifted) {
        assertThat(b.path("state").asText()).isEqualTo("lifted");
        assertThat(b.path("liftedBy").asText()).isEqualTo("cli@proxy2");
      }
    }
    assertThat(get("/v1/bans?all=true&limit=1", ADMIN).size()).isEqualTo(1);
    for (String bad : List.of("?all=yes", "?all=", "?limit=0", "?limit=1001", "?limit=ten")) {
      HttpApi.Reply r = http.get("/v1/bans" + bad, ADMIN);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.error()).isEqualTo("invalid_request");
    }
  }

  @Test
  void lift_endsTheBan_notifiesEveryProxy_andIsAudited() throws Exception {
    long id = ban("ip", "192.0.2.7", 2);
    long auditRows = Fixtures.count(PG.db(), "audit");
    try (BanListener proxy = new BanListener()) {
      HttpApi.Reply r = http.send("DELETE", "/v1/bans/ip/192.0.2.7?reason=customer+called", ADMIN, null, null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode b = Json.mapper().readTree(r.body());
      assertThat(b.path("id").asLong()).isEqualTo(id);
      assertThat(b.path("state").asText()).isEqualTo("lifted");
      assertThat(b.path("liftedBy").asText()).isEqualTo("admin");
      assertThat(proxy.poll(2000)).containsExactly(Long.toString(id));
    }
    assertThat(banRow(id)).isEqualTo("ip 192.0.2.7 " + CLOCK.instant() + " admin");
    JsonNode entry = get("/v1/audit?limit=1", ADMIN).get(0);
    assertThat(entry.path("action").asText()).isEqualTo("ban.lift");
    assertThat(entry.path("target").asText()).isEqualTo("192.0.2.7");
    assertThat(entry.path("reason").asText()).isEqualTo("customer called");
    assertThat(entry.path("actorKind").asText()).isEqualTo("admin");
    assertThat(entry.path("detail").path("kind").asText()).isEqualTo("ip");
    assertThat(entry.path("detail").path("id").asLong()).isEqualTo(id);
    assertThat(entry.path("detail").path("banReason").asText()).isEqualTo("distinct-passwords");
    assertThat(Fixtures.count(PG.db(), "audit")).isEqualTo(auditRows + 1);

    try (BanListener proxy = new BanListener()) {
      HttpApi.Reply again = http.send("DELETE", "/v1/bans/ip/192.0.2.7", ADMIN, null, null);
      assertThat(again.status()).isEqualTo(404);
      assertThat(again.error()).isEqualTo("no_ban");
      assertThat(proxy.poll(300)).isEmpty();
    }
    assertThat(Fixtures.count(PG.db(), "audit")).isEqualTo(auditRows + 1);
  }

  @Test
  void lift_takesTheKeyFormsTheProxyCliTakes() throws Exception {
    long v6 = ban("ip", "2001:db8::7", 2);
    long mapped = ban("ip", "198.51.100.9", 2);
    long net = ban("net", "203.0.113.0/24", 2);
    long wide = ban("net", "2001:db8:1::/48", 2);
    long account = ban("account", "info@example.com", 2);
    assertThat(lift("/v1/bans/ip/2001:DB8:0:0:0:0:0:7", operatorToken)).isEqualTo(v6);
    assertThat(lift("/v1/bans/ip/::ffff:198.51.100.9", ADMIN)).isEqualTo(mapped);
    assertThat(lift("/v1/bans/net/203.0.113.77%2F24", ADMIN)).isEqualTo(net);
    assertThat(lift("/v1/bans/net/2001:db8:1:ffff::1%2F48", ADMIN)).isEqualTo(wide);
    assertThat(lift("/v1/bans/account/Info@Example.COM.", ADMIN)).isEqualTo(account);
    assertThat(banRow(v6)).endsWith(" operator:night");
    assertThat(get("/v1/audit?limit=5", ADMIN).findValuesAsText("actor")).contains("night");
  }

  static long lift(String path, String token) throws Exception {
    HttpApi.Reply r = http.send("DELETE", path, token, null, null);
    assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body()).path("id").asLong();
  }

  @Test
  void hostileOrUnauthorisedLifts_areRefused_andChangeNothing() throws Exception {
    ban("ip", "192.0.2.99", 2);
    ban("account", "victim@example.com", 2);
    String before = bans();
    long auditRows = Fixtures.count(PG.db(), "audit");
    Map<String, Integer> refusals = new java.util.LinkedHashMap<>();
    refusals.put("/v1/bans/host/192.0.2.99", 400);
    refusals.put("/v1/bans/ip/192.0.2.300", 400);
    refusals.put("/v1/bans/ip/localhost", 400);
    refusals.put("/v1/bans/ip/example.com", 400);
    refusals.put("/v1/bans/ip/fe80::1%25eth0", 400);
    refusals.put("/v1/bans/ip/192.0.2.99%2F32", 400);
    refusals.put("/v1/bans/net/192.0.2.0%2F8", 400);
    refusals.put("/v1/bans/net/%2F24", 400);
    refusals.put("/v1/bans/net/192.0.2.0", 400);
    refusals.put("/v1/bans/account/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 400);
    refusals.put("/v1/bans/account/a%00b@example.com", 400);
    refusals.put("/v1/bans/ip/192.0.2.99?reason=" + "x".repeat(501), 400);
    refusals.put("/v1/bans/ip/192.0.2.98", 404);
    refusals.put("/v1/bans/ip/192.0.2.99' OR '1'='1", 400);
    for (var e : refusals.entrySet()) {
      String path = e.getKey().replace(" ", "%20").replace("'", "%27");
      HttpApi.Reply r = http.send("DELETE", path, ADMIN, null, null);
      assertThat(r.status()).as(path + " " + r.body()).isEqualTo(e.getValue());
    }
    assertThat(http.send("DELETE", "/v1/bans/ip/192.0.2.99", null, null, null).status()).isEqualTo(401);
    assertThat(http.send("DELETE", "/v1/bans/ip/192.0.2.99", "not-a-token", null, null).status()).isEqualTo(401);
    assertThat(http.send("DELETE", "/v1/bans/ip/192.0.2.99", serverToken, null, null).status()).isEqualTo(403);
    assertThat(http.get("/v1/bans", serverToken).status()).isEqualTo(403);
    assertThat(http.get("/v1/bans", null).status()).isEqualTo(401);
    assertThat(http.send("POST", "/v1/bans/ip/192.0.2.99", ADMIN, null, null).status()).isEqualTo(405);
    assertThat(http.send("DELETE", "/v1/bans/ip", ADMIN, null, null).status()).isEqualTo(404);
    assertThat(bans()).isEqualTo(before);
    assertThat(Fixtures.count(PG.db(), "audit")).isEqualTo(auditRows);
  }

  @Test
  void theRegistryRole_hasEveryGrantTheBanAndChangeEndpointsUse() throws Exception {
    long id = ban("ip", "192.0.2.55", 2);
    Jdbi asRegistry = Jdbi.create(() -> {
      Connection c = PG.db().connect();
      try (Statement s = c.createStatement()) {
        s.execute("SET ROLE cphub_registry");
      }
      return c;
    }).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    Services s = Services.create(asRegistry, CLOCK, 0.2);
    assertThat(s.bans().list(true, 1000)).extracting(b -> b.id()).contains(id);
    assertThat(s.bans().lift("ip", "192.0.2.55", Actor.operator("role-check"), "grants").id()).isEqualTo(id);
    assertThat(s.changes().latest(10)).isNotNull();
    assertThat(s.servers().list()).isNotEmpty();
    assertThat(s.audit().list(null, "1").get(0).action()).isEqualTo("ban.lift");
  }

  /** A proxy's ban follower's view: LISTEN {@code cphub_bans}. */
  static final class BanListener implements AutoCloseable {
    private final Connection conn;

    BanListener() throws SQLException {
      conn = PG.db().connect();
      conn.setAutoCommit(true);
      try (Statement s = conn.createStatement()) {
        s.execute("LISTEN cphub_bans");
      }
    }

    List<String> poll(int millis) throws SQLException {
      List<String> out = new java.util.ArrayList<>();
      var n = conn.unwrap(org.postgresql.PGConnection.class).getNotifications(millis);
      if (n != null) {
        for (var p : n) {
          out.add(p.getParameter());
        }
      }
      return out;
    }

    @Override
    public void close() throws SQLException {
      conn.close();
    }
  }
}
