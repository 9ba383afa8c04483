package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cphub.testkit.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The two layers of known-good pairs, without a database: keyed by (account, network), expiring. */
class KnownGoodTest {
  private final MutableClock clock = new MutableClock();
  private final Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
  private final KnownGood known = new KnownGood(TestConfigs.defaults(), clock, ticker,
      new GuardMetrics(new PrometheusRegistry()));
  private final byte[] key = new byte[32];

  private long tag(String account, String ip) {
    return new PasswordTags(key).tag((account + "\n" + ClientAddress.parse(ip).network())
        .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSharedPair_coversItsNetwork_onlyForThatAccount_untilItExpires() {
    Arrays.fill(key, (byte) 7);
    known.useKey(key);
    known.putShared(tag("alice@example.com", "2001:db8:1:2::10"), clock.millis() + 3_600_000);
    assertThat(known.contains("alice@example.com", ClientAddress.parse("2001:db8:1:2:aaaa::1"))).isTrue();
    assertThat(known.contains("alice@example.com", ClientAddress.parse("2001:db8:1:3::10"))).isFalse();
    assertThat(known.contains("bob@example.com", ClientAddress.parse("2001:db8:1:2::10"))).isFalse();
    clock.advance(Duration.ofMinutes(61));
    assertThat(known.contains("alice@example.com", ClientAddress.parse("2001:db8:1:2::10"))).isFalse();
  }

  @Test
  void aLaterExpiry_extendsASharedPair() {
    known.useKey(key);
    long t = tag("alice@example.com", "192.0.2.10");
    known.putShared(t, clock.millis() + 60_000);
    known.putShared(t, clock.millis() + 3_600_000);
    clock.advance(Duration.ofMinutes(30));
    assertThat(known.contains("alice@example.com", ClientAddress.parse("192.0.2.10"))).isTrue();
  }

  @Test
  void anotherDatabasesKey_forgetsTheSharedPairs() {
    known.useKey(key);
    known.putShared(tag("alice@example.com", "192.0.2.10"), clock.millis() + 3_600_000);
    byte[] other = key.clone();
    other[0] = 1;
    known.useKey(other);
    assertThat(known.contains("alice@example.com", ClientAddress.parse("192.0.2.10"))).isFalse();
  }

  @Test
  void aBusyAccount_isQueuedOncePerRefresh_notPerLogin() {
    known.useKey(key);
    for (int i = 0; i < 100; i++) {
      known.remember("alice@example.com", ClientAddress.parse("192.0.2.10"));
    }
    assertThat(known.pending()).isEqualTo(1);
    clock.advance(Duration.ofHours(25));
    known.remember("alice@example.com", ClientAddress.parse("192.0.2.10"));
    assertThat(known.pending()).as("refreshed after 1/30 of the 720 h TTL").isEqualTo(2);
    assertThat(known.drain(10)).containsExactly(tag("alice@example.com", "192.0.2.10"),
        tag("alice@example.com", "192.0.2.10"));
  }
}
