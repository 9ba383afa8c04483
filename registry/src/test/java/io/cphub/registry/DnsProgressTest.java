package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.DnsProgress;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.ServerView;
import io.cphub.model.wire.Snapshot;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DNS progress an agent reports: stored with its state, listed with the server, one gauge series per result. */
class DnsProgressTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
  static Registry registry;
  static HttpApi http;
  static String t1;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), new MutableClock(AT));
    http = new HttpApi(registry.port());
    t1 = http.json("POST", "/v1/servers", ADMIN, enrol("d1.hoster.test", "10.4.0.1")).as(EnrolResult.class).token();
    http.json("POST", "/v1/servers", ADMIN, enrol("d2.hoster.test", "10.4.0.2"));
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void reportedProgress_isListed_andExportedPerResult_serversWithoutAReportHaveNoSeries() throws Exception {
    Snapshot s = new Snapshot(List.of(account("dana", false, "dana.example")),
        new AgentState("1.0", null, 0, null, new DnsProgress(40, 3, 2, 5, AT)));
    assertThat(http.json("PUT", "/v1/servers/d1.hoster.test/snapshot", t1, s).status()).isEqualTo(200);

    ServerView d1 = Arrays.stream(http.get("/v1/servers", ADMIN).as(ServerView[].class))
        .filter(v -> v.name().equals("d1.hoster.test")).findFirst().orElseThrow();
    assertThat(d1.agent().dns()).isEqualTo(new DnsProgress(40, 3, 2, 5, AT));

    String metrics = "";
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && !metrics.contains("server=\"d1.hoster.test\"} 40.0")) {
      metrics = http.get("/metrics", null).body();
      Thread.sleep(50);
    }
    assertThat(metrics).contains("cphub_registry_server_dns_zones{result=\"done\",server=\"d1.hoster.test\"} 40.0")
        .contains("cphub_registry_server_dns_zones{result=\"skipped\",server=\"d1.hoster.test\"} 3.0")
        .contains("cphub_registry_server_dns_zones{result=\"failed\",server=\"d1.hoster.test\"} 2.0")
        .contains("cphub_registry_server_dns_zones{result=\"pending\",server=\"d1.hoster.test\"} 5.0")
        .doesNotContain("cphub_registry_server_dns_zones{result=\"done\",server=\"d2.hoster.test\"}");
  }
}
