package io.cphub.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthTest {
  /** A clock the test moves by hand. */
  static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void statusFollowsSourceAndStaleness() {
    FakeClock clock = new FakeClock();
    LiveTable empty = new LiveTable(clock, RouteTable.empty(clock.instant()), clock.instant());
    Health h = new Health(empty, Duration.ofSeconds(30));
    assertThat(h.status()).isEqualTo("empty");
    assertThat(h.httpStatus()).isEqualTo(503);

    RouteTable db = RouteTable.of(UUID.randomUUID(), 5, Map.of("example.com", 1), Map.of(), List.of(),
        RouteTable.Source.DATABASE, clock.instant());
    LiveTable live = new LiveTable(clock, db, clock.instant());
    Health health = new Health(live, Duration.ofSeconds(30));
    assertThat(health.status()).isEqualTo("ok");
    clock.now = clock.now.plusSeconds(31);
    assertThat(health.status()).isEqualTo("stale");
    assertThat(health.httpStatus()).isEqualTo(200);
    assertThat(health.json()).contains("\"status\":\"stale\"").contains("\"staleness_seconds\":31.000")
        .contains("\"version\":5").contains("\"domains\":1");

    RouteTable file = RouteTable.of(UUID.randomUUID(), 5, Map.of(), Map.of(), List.of(), RouteTable.Source.FILE,
        clock.instant());
    assertThat(new Health(new LiveTable(clock, file, clock.instant().minusSeconds(3600)), Duration.ofSeconds(30))
        .json()).contains("\"status\":\"file\"").contains("\"staleness_seconds\":3600.000");
  }

  @Test
  void openAndHalfOpenBreakers_areListed_andTheProxyStaysHealthy() {
    FakeClock clock = new FakeClock();
    RouteTable db = RouteTable.of(UUID.randomUUID(), 5, Map.of("example.com", 1), Map.of(), List.of(),
        RouteTable.Source.DATABASE, clock.instant());
    Health h = new Health(new LiveTable(clock, db, clock.instant()), Duration.ofSeconds(30), () -> List.of(
        new io.cphub.proxy.verify.BackendState(3, "s3.hoster.test", "open", 1, 0, 0),
        new io.cphub.proxy.verify.BackendState(1, "s1.hoster.test", "closed", 0, 2, 0),
        new io.cphub.proxy.verify.BackendState(2, "s2.hoster.test", "half_open", 2, 1, 0)));
    assertThat(h.status()).isEqualTo("ok");
    assertThat(h.httpStatus()).isEqualTo(200);
    assertThat(h.json()).contains("\"breakers\":[{\"server\":\"s2.hoster.test\",\"state\":\"half_open\"},"
        + "{\"server\":\"s3.hoster.test\",\"state\":\"open\"}]");
    assertThat(new Health(new LiveTable(clock, db, clock.instant()), Duration.ofSeconds(30)).json())
        .contains("\"breakers\":[]");
  }
}
