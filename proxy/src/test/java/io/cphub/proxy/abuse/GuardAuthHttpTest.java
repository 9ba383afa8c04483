package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The abuse scenarios that matter most, against the real auth_http server (real socket, production
 * Authenticator) with the guard plugged in, a fake clock and a fake backend edge. "Refused" is
 * seen two ways: the backend was not asked, and a right password does not get through.
 */
class GuardAuthHttpTest {
  private final MutableClock clock = new MutableClock();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private AbuseGuard guard;
  private AuthStack stack;

  @BeforeEach
  void start() throws Exception {
    guard = new AbuseGuard(TestConfigs.defaults(), clock, new BanList(), BanSink.LOCAL, new GuardMetrics(registry));
    stack = new AuthStack(new GuardHook(guard, new PasswordTags()));
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void dictionaryAttackFromOneIp_isBannedAfterTheThreshold_otherUsersAreUnaffected() throws Exception {
    String attacker = "198.51.100.7";
    for (int i = 0; i < 20; i++) {
      assertThat(stack.login(attacker, "user" + i + "@example.com", "guess" + i).ok()).isFalse();
    }
    assertThat(stack.checks.get()).as("the first 20 distinct guesses reach the backend").isEqualTo(20);
    assertThat(guard.bans().active(Ban.Kind.IP, attacker, clock.instant())).isNotNull();

    for (int i = 20; i < 60; i++) {
      assertThat(stack.login(attacker, "user" + i + "@example.com", "guess" + i).ok()).isFalse();
    }
    assertThat(stack.login(attacker, "user0@example.com", "pw-user0").ok())
        .as("a banned IP gets nothing through, not even a right password").isFalse();
    assertThat(stack.checks.get()).as("no guess after the ban reached the backend").isEqualTo(20);

    assertThat(stack.login("203.0.113.5", "alice@example.com", "pw-alice").ok()).isTrue();
    assertThat(stack.login("198.51.100.8", "carol@example.com", "pw-carol").ok())
        .as("a neighbour in the same /24 is not banned with the attacker").isTrue();
    AuthStack.Reply typo = stack.login("203.0.113.6", "dave@example.com", "typo");
    assertThat(typo.ok()).isFalse();
    assertThat(typo.waitSeconds()).as("another IP's first typo gets the normal wait").isEqualTo(2);
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_bans", "kind", "ip", "reason", "ip-failures")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(stack.login(attacker, "user0@example.com", "pw-user0").ok()).as("the ban expired on its own").isTrue();
  }

  @Test
  void thousandIpsOneAttemptEach_slowAndThenStopTheAttackers_theOwnerStillLogsInFromAKnownIp() throws Exception {
    String owner = "192.0.2.10";
    assertThat(stack.login(owner, "victim@example.com", "pw-victim").ok()).isTrue();
    int before = stack.checks.get();
    List<Integer> waits = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String ip = "100." + (64 + i / 256) + "." + (i % 256) + ".9";
      AuthStack.Reply r = stack.login(ip, "victim@example.com", "spray" + i);
      assertThat(r.ok()).isFalse();
      waits.add(r.waitSeconds());
      clock.advance(Duration.ofMillis(300));
    }
    assertThat(stack.checks.get() - before).as("only the first 10 distinct guesses reach the backend").isEqualTo(10);
    assertThat(waits.subList(0, 5)).as("first guesses: the normal wait").containsOnly(2);
    assertThat(waits.subList(5, 10)).as("then a growing Auth-Wait").containsExactly(4, 8, 16, 30, 30);
    assertThat(guard.bans().active(Ban.Kind.ACCOUNT, "victim@example.com", clock.instant())).isNotNull();

    assertThat(stack.login(owner, "victim@example.com", "pw-victim").ok())
        .as("the owner logs in from the IP they logged in from before").isTrue();
    assertThat(stack.login("100.70.1.9", "victim@example.com", "pw-victim").ok())
        .as("a right password from a never-seen IP waits until the protection ends").isFalse();
    assertThat(stack.login("203.0.113.77", "other@example.com", "pw-other").ok())
        .as("other accounts are not affected").isTrue();

    clock.advance(Duration.ofMinutes(15));
    assertThat(stack.login("100.70.1.9", "victim@example.com", "pw-victim").ok()).isTrue();
  }

  @Test
  void oneDeviceRetryingAStalePassword500Times_isSlowedNotBanned() throws Exception {
    String phone = "203.0.113.50";
    List<Integer> waits = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      AuthStack.Reply r = stack.login(phone, "bob@example.com", "old-password");
      assertThat(r.ok()).isFalse();
      waits.add(r.waitSeconds());
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(waits.subList(0, 7)).containsExactly(2, 2, 2, 4, 8, 16, 30);
    assertThat(waits.subList(7, 500)).as("slowed to the maximum wait").containsOnly(30);
    assertThat(stack.checks.get()).as("every retry was still checked: never refused").isEqualTo(500);
    assertThat(guard.bans().active(clock.instant())).isEmpty();
    assertThat(stack.login(phone, "bob@example.com", "pw-bob").ok()).as("the fixed phone gets in at once").isTrue();
    assertThat(stack.login("198.51.100.61", "bob@example.com", "pw-bob").ok()).isTrue();
  }

  @Test
  void natOffice_fiftyUsersBehindOneIpWithAFewTyposEach_isNotBanned() throws Exception {
    String office = "198.51.100.200";
    int maxWait = 0;
    for (int group = 0; group < 10; group++) {
      for (int typo = 0; typo < 1 + group % 3; typo++) {
        for (int u = group * 5; u < group * 5 + 5; u++) {
          AuthStack.Reply r = stack.login(office, "u" + u + "@office.example", "typo" + typo, typo + 1);
          assertThat(r.ok()).isFalse();
          maxWait = Math.max(maxWait, r.waitSeconds());
        }
        clock.advance(Duration.ofSeconds(20));
      }
      for (int u = group * 5; u < group * 5 + 5; u++) {
        assertThat(stack.login(office, "u" + u + "@office.example", "pw-u" + u).ok()).as("user u%d", u).isTrue();
      }
      clock.advance(Duration.ofMinutes(3));
    }
    assertThat(guard.bans().active(clock.instant())).isEmpty();
    assertThat(Metrics.value(registry, "cphub_proxy_abuse_attempts", "verdict", "refuse")).isZero();
    assertThat(maxWait).isLessThanOrEqualTo(30);
    assertThat(stack.login(office, "latecomer@office.example", "pw-latecomer").ok()).isTrue();
  }
}
