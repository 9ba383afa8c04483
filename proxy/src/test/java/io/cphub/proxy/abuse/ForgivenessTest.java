package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A success forgives only that account's own failures: no account can be chosen so that its
 * logins erase failures of unknown logins or of other accounts (the forgiveness key is not a
 * 32-bit String.hashCode that a customer can aim).
 */
class ForgivenessTest {
  private final MutableClock clock = new MutableClock();
  private final List<Ban> published = new ArrayList<>();
  private final AbuseGuard guard = new AbuseGuard(TestConfigs.defaults(), clock, new BanList(), published::add,
      new GuardMetrics(new PrometheusRegistry()));
  private final ClientAddress ip = ClientAddress.parse("198.51.100.9");

  /**
   * A mailbox name a customer could create, {@code <local>@<domain>}, whose String.hashCode is 0:
   * the hash is linear in the characters, so for each prefix the three letters before the domain
   * that make it 0 are solved for (mod 2^32) rather than searched.
   */
  static String zeroHashAccount(String domain) {
    String suffix = "@" + domain;
    int p = 1;
    for (int i = 0; i < suffix.length(); i++) {
      p *= 31;
    }
    int inverse = inverse(p);
    for (int i = 0; ; i++) {
      String base = "box" + i;
      int v = -(base.hashCode() * p * 29791 + suffix.hashCode()) * inverse;
      for (char a = 'a'; a <= 'z'; a++) {
        for (char b = 'a'; b <= 'z'; b++) {
          int c = v - a * 961 - b * 31;
          if (c >= 'a' && c <= 'z') {
            return base + a + b + (char) c + suffix;
          }
        }
      }
    }
  }

  /** The inverse of an odd number modulo 2^32 (Newton's iteration). */
  private static int inverse(int odd) {
    int x = odd;
    for (int i = 0; i < 5; i++) {
      x *= 2 - odd * x;
    }
    return x;
  }

  @Test
  void aMailboxWhoseNameHashesToZero_cannotEraseUnknownLoginFailuresFromItsIp() {
    String own = zeroHashAccount("customer.example");
    assertThat(own.hashCode()).as(own).isZero();
    for (int i = 0; i < 19; i++) {
      guard.failed(ip, null, 1000 + i);
      guard.succeeded(ip, own);
    }
    guard.failed(ip, null, 2000);
    assertThat(published).as("20 distinct unknown-login failures ban the IP despite the customer's own logins")
        .extracting(Ban::key).containsExactly("198.51.100.9");
  }

  @Test
  void collidingNames_doNotForgiveEachOther() {
    // "Aa" and "BB" have the same String.hashCode, so these two accounts collide in 32 bits
    String victim = "Aa@example.com";
    String attacker = "BB@example.com";
    assertThat(victim.hashCode()).isEqualTo(attacker.hashCode());
    for (int i = 0; i < 19; i++) {
      guard.failed(ip, victim, 1000 + i);
      guard.succeeded(ip, attacker);
    }
    guard.failed(ip, "other@example.com", 2000);
    assertThat(published).as("the victim's failures were not forgiven by the colliding account's logins")
        .extracting(Ban::kind, Ban::key).contains(org.assertj.core.groups.Tuple.tuple(Ban.Kind.IP, "198.51.100.9"));
  }

  @Test
  void theOwnersSuccess_stillForgivesItsOwnFailures_andOnlyThose() {
    String own = zeroHashAccount("customer.example");
    for (int i = 0; i < 9; i++) {
      guard.failed(ip, own, 1000 + i);
      guard.failed(ip, null, 2000 + i);
    }
    guard.failed(ip, null, 2009);
    guard.succeeded(ip, own);
    for (int i = 0; i < 9; i++) {
      guard.failed(ip, null, 3000 + i);
    }
    assertThat(published).as("own 9 forgiven, 19 unknown-login failures left").isEmpty();
    guard.failed(ip, null, 3009);
    assertThat(published).extracting(Ban::key).containsExactly("198.51.100.9");
  }
}
