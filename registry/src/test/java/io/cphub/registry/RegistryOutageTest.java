package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Snapshot;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry when its database goes away and comes back, over real sockets: 503 with
 * Retry-After (never 500) while it is unreachable, writes resume by themselves, and every write
 * answer names the feed identity of the history it was committed in.
 */
class RegistryOutageTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private static String identity() throws Exception {
    try (var c = PG.db().connect(); var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT cphub_feed_identity()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String url(String hosts) {
    return "jdbc:postgresql://" + hosts + "/" + PG.db().name();
  }

  @Test
  void databaseDown_answers503WithRetryAfter_thenWritesResumeByThemselves() throws Exception {
    try (TcpRelay relay = new TcpRelay(PG.db().host(), PG.db().port());
        Registry registry = Registry.start(Fixtures.config(PG.db(),
            Map.of("db.url", url("127.0.0.1:" + relay.port()), "http.max-body-bytes", "65536")),
            new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))) {
      HttpApi http = new HttpApi(registry.port());
      String token = http.json("POST", "/v1/servers", ADMIN, enrol("out1.hoster.test", "10.7.0.1"))
          .as(EnrolResult.class).token();
      Snapshot first = snapshot(account("out1", false, "out1.example"));
      HttpApi.Reply ok = http.json("PUT", "/v1/servers/out1.hoster.test/snapshot", token, first);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("Cphub-Feed-Identity")).isEqualTo(identity());
      assertThat(ok.as(ChangeSummary.class).feedIdentity()).isEqualTo(identity());

      relay.down();
      Snapshot second = snapshot(account("out1", false, "out1.example", "out2.example"));
      for (int i = 0; i < 2; i++) {
        HttpApi.Reply r = http.json("PUT", "/v1/servers/out1.hoster.test/snapshot", token, second);
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.error()).isEqualTo("database_unavailable");
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.header("Cphub-Feed-Identity")).isNull();
      }
      assertThat(Fixtures.routes(PG.db())).doesNotContainKey("out2.example");

      relay.up();
      HttpApi.Reply back = null;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        back = http.json("PUT", "/v1/servers/out1.hoster.test/snapshot", token, second);
        if (back.status() != 503) {
          break;
        }
        Thread.sleep(Long.parseLong(back.header("Retry-After")) * 1000);
      }
      assertThat(back.status()).as(back.body()).isEqualTo(200);
      assertThat(back.as(ChangeSummary.class).claimsAdded()).isEqualTo(1);
      assertThat(Fixtures.routes(PG.db())).containsKey("out2.example");
    }
  }

  /**
   * After an outage long enough for the pool's own retry to back off to 5 s between attempts,
   * writes still resume within about a second of the database accepting connections again (the
   * pool's connection source keeps trying every 250 ms).
   */
  @Test
  void longOutage_writesResumeWithinASecondOfTheDatabaseComingBack() throws Exception {
    try (TcpRelay relay = new TcpRelay(PG.db().host(), PG.db().port());
        Registry registry = Registry.start(Fixtures.config(PG.db(),
            Map.of("db.url", url("127.0.0.1:" + relay.port()), "http.max-body-bytes", "65536")),
            new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))) {
      HttpApi http = new HttpApi(registry.port());
      String token = http.json("POST", "/v1/servers", ADMIN, enrol("long1.hoster.test", "10.7.0.3"))
          .as(EnrolResult.class).token();
      relay.down();
      long downAt = System.nanoTime();
      Snapshot snap = snapshot(account("long1", false, "long1.example"));
      assertThat(http.json("PUT", "/v1/servers/long1.hoster.test/snapshot", token, snap).status()).isEqualTo(503);
      while (System.nanoTime() - downAt < 8_000_000_000L) {
        Thread.sleep(200);
      }
      relay.up();
      long upAt = System.nanoTime();
      HttpApi.Reply back;
      do {
        back = http.json("PUT", "/v1/servers/long1.hoster.test/snapshot", token, snap);
      } while (back.status() == 503 && System.nanoTime() - upAt < 20_000_000_000L);
      double seconds = (System.nanoTime() - upAt) / 1e9;
      assertThat(back.status()).as(back.body()).isEqualTo(200);
      assertThat(seconds).as("seconds from the database back to the first accepted write").isLessThan(2.0);
    }
  }

  @Test
  void multiHostUrl_skipsADeadFirstHost() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    try (Registry registry = Registry.start(Fixtures.config(PG.db(),
        Map.of("db.url", url("127.0.0.1:" + dead + "," + PG.db().host() + ":" + PG.db().port()),
            "http.max-body-bytes", "65536")), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))) {
      HttpApi http = new HttpApi(registry.port());
      String token = http.json("POST", "/v1/servers", ADMIN, enrol("multi1.hoster.test", "10.7.0.2"))
          .as(EnrolResult.class).token();
      HttpApi.Reply r = http.json("PUT", "/v1/servers/multi1.hoster.test/snapshot", token,
          snapshot(account("multi1", false, "multi1.example")));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Cphub-Feed-Identity")).isEqualTo(identity());
    }
  }
}
