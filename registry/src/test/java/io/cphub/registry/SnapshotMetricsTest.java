package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.EnrolResult;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry's /metrics over a real socket: a series for every enrolled server, the time of
 * the last accepted full snapshot only (hook pushes and refused snapshots leave it), refusals by
 * reason, JVM metrics and build info.
 */
class SnapshotMetricsTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final MutableClock CLOCK = new MutableClock(T0);
  static Registry registry;
  static HttpApi http;
  static String t1;
  static String t2;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), CLOCK);
    http = new HttpApi(registry.port());
    t1 = http.json("POST", "/v1/servers", ADMIN, enrol("m1.hoster.test", "10.3.0.1")).as(EnrolResult.class).token();
    t2 = http.json("POST", "/v1/servers", ADMIN, enrol("m2.hoster.test", "10.3.0.2")).as(EnrolResult.class).token();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static String scrape() throws Exception {
    HttpApi.Reply m = http.get("/metrics", null);
    assertThat(m.status()).isEqualTo(200);
    return m.body();
  }

  /** The snapshot time of {@code server} once it equals {@code expected} (at most 10 s), else its last value. */
  private static Double snapshotTime(String server, double expected) throws Exception {
    Pattern p = Pattern.compile("cphub_registry_server_last_snapshot_timestamp_seconds\\{server=\""
        + Pattern.quote(server) + "\",state=\"active\"} (\\S+)");
    Double last = null;
    long deadline = System.nanoTime() + 10_000_000_000L;
    do {
      Matcher m = p.matcher(scrape());
      last = m.find() ? Double.valueOf(m.group(1)) : null;
      if (last != null && last == expected) {
        return last;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return last;
  }

  @Test
  void neverSynced_hasASeriesAtZero_acceptedSnapshotSetsIt_pushesAndRefusalsLeaveIt() throws Exception {
    assertThat(snapshotTime("m2.hoster.test", 0)).isEqualTo(0.0);

    CLOCK.advance(Duration.ofMinutes(1));
    double accepted = T0.plus(Duration.ofMinutes(1)).getEpochSecond();
    assertThat(http.json("PUT", "/v1/servers/m1.hoster.test/snapshot", t1,
        snapshot(account("ann", false, "a1.example", "a2.example", "a3.example"))).status()).isEqualTo(200);
    assertThat(snapshotTime("m1.hoster.test", accepted)).isEqualTo(accepted);

    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(http.json("PUT", "/v1/servers/m1.hoster.test/accounts/bob", t1,
        new AccountPush(account("bob", false, "b1.example"), null)).status()).isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(1));
    assertThat(http.json("PUT", "/v1/servers/m1.hoster.test/snapshot", t1, snapshot()).status()).isEqualTo(409);
    // m2's accepted snapshot re-reads every server: once it shows, m1's value is current too
    CLOCK.advance(Duration.ofMinutes(1));
    double later = accepted + 180;
    assertThat(http.json("PUT", "/v1/servers/m2.hoster.test/snapshot", t2,
        snapshot(account("cy", false, "c1.example"))).status()).isEqualTo(200);
    assertThat(snapshotTime("m2.hoster.test", later)).isEqualTo(later);
    assertThat(snapshotTime("m1.hoster.test", accepted)).isEqualTo(accepted);
    assertThat(Fixtures.number(PG.db(), "SELECT count(*) FROM server WHERE name = 'm1.hoster.test' "
        + "AND last_sync_at > last_snapshot_at")).isEqualTo(1);

    String body = scrape();
    assertThat(body).contains("cphub_registry_snapshot_refusals_total{reason=\"mass_removal\"} 1.0");
  }

  @Test
  void metrics_includeJvmProcessAndBuildInfo() throws Exception {
    String body = scrape();
    assertThat(body).contains("jvm_memory_used_bytes").contains("process_cpu_seconds_total")
        .contains("jvm_threads_current");
    assertThat(body).containsPattern("cphub_build_info\\{component=\"registry\",version=\"[^\"]+\"} 1");
  }
}
