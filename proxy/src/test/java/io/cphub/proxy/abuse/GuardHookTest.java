package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.Login;
import io.cphub.proxy.auth.AuthOutcome;
import io.cphub.proxy.auth.GuardVerdict;
import io.cphub.proxy.auth.LoginAttempt;
import io.cphub.proxy.auth.Protocol;
import io.cphub.proxy.route.Backend;
import io.cphub.testkit.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardHookTest {
  private static final Backend S1 = new Backend(1, "s1.hoster.test", "10.0.0.1", null, null, null, "active");
  private final MutableClock clock = new MutableClock();
  private final AbuseGuard guard = new AbuseGuard(TestConfigs.defaults(), clock, new BanList(), BanSink.LOCAL,
      new GuardMetrics(new PrometheusRegistry()));
  private final GuardHook hook = new GuardHook(guard, new PasswordTags());

  @ParameterizedTest
  @CsvSource({"Alice@Example.COM, alice@example.com", "alice+example.com, alice@example.com",
      "ALICE+EXAMPLE.com, alice@example.com", "bob, bob", "j.doe@xn--mller-kva.example, j.doe@xn--mller-kva.example"})
  void bothLoginForms_countAgainstTheSameAccount(String raw, String account) {
    assertThat(GuardHook.account(Login.parse(raw))).isEqualTo(account);
  }

  private static LoginAttempt attempt(String ip, String login, Backend backend, int n) {
    return new LoginAttempt(Protocol.IMAP, ip, login, backend == null ? null : Login.parse(login), backend, n, null);
  }

  @Test
  void unknownLogins_countAgainstTheIp_bySpelling() {
    for (int i = 0; i < 19; i++) {
      hook.after(attempt("198.51.100.7", "nobody" + i + "@unknown.example", null, 1), AuthOutcome.UNKNOWN_LOGIN);
      hook.after(attempt("198.51.100.7", "nobody0@unknown.example", null, 1), AuthOutcome.UNKNOWN_LOGIN);
    }
    assertThat(hook.before(attempt("198.51.100.7", "x@example.com", S1, 1)).kind()).isEqualTo(GuardVerdict.Kind.ALLOW);
    hook.after(attempt("198.51.100.7", "nobody19@unknown.example", null, 1), AuthOutcome.UNKNOWN_LOGIN);
    assertThat(hook.before(attempt("198.51.100.7", "x@example.com", S1, 1)).kind()).isEqualTo(GuardVerdict.Kind.REJECT);
  }

  @Test
  void delays_becomeAWaitOnFailure_andBlockedOrUnavailableChecksCountForNothing() {
    for (int i = 0; i < 5; i++) {
      hook.after(attempt("192.0.2.1", "alice@example.com", S1, 1), AuthOutcome.UNAVAILABLE);
      hook.after(attempt("192.0.2.1", "alice@example.com", S1, 1), AuthOutcome.BLOCKED);
    }
    assertThat(hook.before(attempt("192.0.2.1", "alice@example.com", S1, 1))).isEqualTo(GuardVerdict.ALLOW);
    for (int i = 0; i < 3; i++) {
      hook.after(attempt("192.0.2.1", "alice@example.com", S1, 1), AuthOutcome.REJECTED);
    }
    GuardVerdict v = hook.before(attempt("192.0.2.1", "alice@example.com", S1, 1));
    assertThat(v.kind()).isEqualTo(GuardVerdict.Kind.ALLOW);
    assertThat(v.waitSeconds()).isEqualTo(4);
  }

  @Test
  void aClientIpThatIsNotAnAddress_isLetThroughUntracked() {
    assertThat(hook.before(attempt("not-an-ip", "alice@example.com", S1, 1))).isEqualTo(GuardVerdict.ALLOW);
    hook.after(attempt("not-an-ip", "alice@example.com", S1, 1), AuthOutcome.REJECTED);
    assertThat(guard.bans().active(clock.instant())).isEmpty();
  }
}
