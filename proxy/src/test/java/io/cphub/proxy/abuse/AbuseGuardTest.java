package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard's rules, without a server: escalation, allow-list, relaxation, repeat offenders, memory bounds. */
class AbuseGuardTest {
  private final MutableClock clock = new MutableClock();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<Ban> published = new ArrayList<>();

  private AbuseGuard guard(GuardConfig c) {
    return new AbuseGuard(c, clock, new BanList(), published::add, new GuardMetrics(registry));
  }

  private static ClientAddress ip(String s) {
    return ClientAddress.parse(s);
  }

  @Test
  void aBan_isPublishedOnce_withReasonAndCounts() {
    AbuseGuard g = guard(TestConfigs.defaults());
    for (int i = 0; i < 25; i++) {
      g.failed(ip("198.51.100.7"), "user" + i + "@example.com", i);
    }
    assertThat(published).singleElement().satisfies(b -> {
      assertThat(b.kind()).isEqualTo(Ban.Kind.IP);
      assertThat(b.key()).isEqualTo("198.51.100.7");
      assertThat(b.reason()).isEqualTo("ip-failures");
      assertThat(b.failures()).isEqualTo(20);
      assertThat(b.createdBy()).isEqualTo("node-a");
      assertThat(b.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    });
    assertThat(g.before(ip("198.51.100.7"), "x@example.com", 1).kind()).isEqualTo(Verdict.Kind.REFUSE);
  }

  @Test
  void manyIpsInOneNetwork_banTheNetwork() {
    AbuseGuard g = guard(TestConfigs.defaults());
    for (int i = 0; i < 60; i++) {
      g.failed(ip("203.0.113." + (i % 6 + 1)), "user" + i + "@example.com", i);
    }
    assertThat(published).extracting(Ban::kind, Ban::key).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Ban.Kind.NET, "203.0.113.0/24"));
    Verdict v = g.before(ip("203.0.113.200"), "someone@example.com", 1);
    assertThat(v.kind()).isEqualTo(Verdict.Kind.REFUSE);
    assertThat(v.ban().kind()).isEqualTo(Ban.Kind.NET);
    assertThat(g.before(ip("203.0.114.1"), "someone@example.com", 1)).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void allowListedNetworks_areNeverDelayedOrBanned() {
    AbuseGuard g = guard(TestConfigs.with(List.of("10.0.0.0/8", "2001:db8:1::/48"), 100_000, "node-a"));
    for (int i = 0; i < 200; i++) {
      g.failed(ip("10.1.2.3"), "user" + i + "@example.com", i);
      g.failed(ip("2001:db8:1::5"), "user" + i + "@example.com", i);
    }
    assertThat(published).isEmpty();
    assertThat(g.before(ip("10.1.2.3"), "user1@example.com", 1)).isEqualTo(Verdict.ALLOW);
    assertThat(g.before(ip("2001:db8:1::5"), "user1@example.com", 1)).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aSuccess_forgivesThatAccountsFailuresFromThatIp() {
    AbuseGuard g = guard(TestConfigs.defaults());
    for (int i = 0; i < 5; i++) {
      g.failed(ip("192.0.2.1"), "alice@example.com", i);
    }
    assertThat(g.before(ip("192.0.2.1"), "alice@example.com", 1).kind()).isEqualTo(Verdict.Kind.DELAY);
    g.succeeded(ip("192.0.2.1"), "alice@example.com");
    assertThat(g.before(ip("192.0.2.1"), "bob@example.com", 1)).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aSuccessOfOneAccount_doesNotForgiveAnAttackOnOthers() {
    AbuseGuard g = guard(TestConfigs.defaults());
    for (int i = 0; i < 19; i++) {
      g.failed(ip("192.0.2.1"), "user" + i + "@example.com", i);
      g.succeeded(ip("192.0.2.1"), "attacker@example.com");
    }
    g.failed(ip("192.0.2.1"), "user19@example.com", 19);
    assertThat(published).extracting(Ban::key).containsExactly("192.0.2.1");
  }

  @Test
  void noAuthWait_pastNginxsAttemptLimit() {
    AbuseGuard g = guard(TestConfigs.defaults());
    for (int i = 0; i < 8; i++) {
      g.failed(ip("192.0.2.1"), "alice@example.com", 1);
    }
    assertThat(g.before(ip("192.0.2.1"), "alice@example.com", 10)).isEqualTo(Verdict.delay(30));
    assertThat(g.before(ip("192.0.2.1"), "alice@example.com", 11)).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void repeatOffenders_getDoubledBans_andBansExpireOnTheirOwn() {
    AbuseGuard g = guard(TestConfigs.defaults());
    Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60)};
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 20; i++) {
        g.failed(ip("198.51.100.7"), "user" + i + "@example.com", round * 100 + i);
      }
      Ban b = published.get(round);
      assertThat(b.offences()).isEqualTo(round + 1);
      assertThat(Duration.between(b.createdAt(), b.expiresAt())).isEqualTo(expected[round]);
      clock.advance(expected[round].minusSeconds(1));
      assertThat(g.before(ip("198.51.100.7"), "x@example.com", 1).kind()).isEqualTo(Verdict.Kind.REFUSE);
      clock.advance(Duration.ofSeconds(1));
      assertThat(g.before(ip("198.51.100.7"), "x@example.com", 1)).isEqualTo(Verdict.ALLOW);
    }
  }

  @Test
  void banDurations_doubleUpToTheMaximum_likeTheDatabase() {
    GuardConfig c = TestConfigs.defaults();
    assertThat(c.banDuration(1)).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.banDuration(7)).isEqualTo(Duration.ofHours(16));
    assertThat(c.banDuration(8)).isEqualTo(Duration.ofHours(24));
    assertThat(c.banDuration(1000)).isEqualTo(Duration.ofHours(24));
    assertThat(c.waitSeconds(1)).isEqualTo(4);
    assertThat(c.waitSeconds(100)).isEqualTo(30);
  }

  @Test
  void memoryIsBounded_underAFloodOfDistinctIps_andEvictionsAreCounted() {
    AbuseGuard g = guard(TestConfigs.with(List.of(), 1_000, "node-a"));
    for (int i = 0; i < 20_000; i++) {
      g.failed(ip("100." + (64 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255)), "victim" + (i % 3000)
          + "@example.com", i);
    }
    g.cleanUp();
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_tracked_keys", "tracker", "ip")).isLessThanOrEqualTo(1_000);
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_tracked_keys", "tracker", "account")).isLessThanOrEqualTo(1_000);
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_evictions", "tracker", "ip")).isGreaterThanOrEqualTo(19_000);
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_evictions", "tracker", "account")).isPositive();
  }

  @Test
  void idleKeys_areDroppedAfterTheirWindow() {
    AbuseGuard g = guard(TestConfigs.defaults());
    for (int i = 0; i < 100; i++) {
      g.failed(ip("192.0.2." + i), "user@example.com", 1);
    }
    clock.advance(Duration.ofMinutes(61));
    g.cleanUp();
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_tracked_keys", "tracker", "ip")).isZero();
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_tracked_keys", "tracker", "account")).isZero();
  }
}
