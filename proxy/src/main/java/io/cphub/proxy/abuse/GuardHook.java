package io.cphub.proxy.abuse;

import io.cphub.model.Login;
import io.cphub.proxy.auth.AuthOutcome;
import io.cphub.proxy.auth.GuardVerdict;
import io.cphub.proxy.auth.LoginAttempt;
import io.cphub.proxy.auth.LoginGuard;
import io.cphub.proxy.verify.CredentialCache;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Plugs the {@link AbuseGuard} into the auth_http {@link io.cphub.proxy.auth.Authenticator}:
 * maps a {@link LoginAttempt} to client address, account key and password tag, and the guard's
 * {@link Verdict} to a {@link GuardVerdict}. The password tag is the verifier's keyed hash of
 * backend, login and password (the guard never sees a password); for a login that routes nowhere
 * it is a keyed hash of the login. Stateless apart from the guard; thread-safe, non-blocking.
 */
public final class GuardHook implements LoginGuard {
  private final AbuseGuard guard;
  private final PasswordTags tags;

  public GuardHook(AbuseGuard guard, PasswordTags tags) {
    this.guard = guard;
    this.tags = tags;
  }

  @Override
  public GuardVerdict before(LoginAttempt a) {
    ClientAddress ip = ClientAddress.parse(a.clientIp());
    if (ip == null) {
      return GuardVerdict.ALLOW;
    }
    Verdict v = guard.before(ip, account(a), a.attempt());
    return switch (v.kind()) {
      case ALLOW -> GuardVerdict.ALLOW;
      case DELAY -> GuardVerdict.allowWaitingOnFailure(v.waitSeconds());
      case REFUSE -> GuardVerdict.reject(-1);
    };
  }

  @Override
  public void after(LoginAttempt a, AuthOutcome outcome) {
    ClientAddress ip = ClientAddress.parse(a.clientIp());
    if (ip == null) {
      return;
    }
    switch (outcome) {
      case ACCEPTED -> guard.succeeded(ip, account(a));
      case REJECTED -> guard.failed(ip, account(a), tag(a));
      case UNKNOWN_LOGIN -> guard.failed(ip, null, tags.tag(a.rawLogin().getBytes(StandardCharsets.UTF_8)));
      case BLOCKED, UNAVAILABLE -> { }
    }
  }

  private long tag(LoginAttempt a) {
    if (a.credentialTag() instanceof CredentialCache.Key k) {
      return k.a();
    }
    return tags.tag(a.rawLogin().getBytes(StandardCharsets.UTF_8));
  }

  /** The account a routed login names: {@code local@domain} (both login forms alike) or the username. */
  static String account(LoginAttempt a) {
    return a.backend() == null || a.login() == null ? null : account(a.login());
  }

  static String account(Login login) {
    if (login instanceof Login.Address x) {
      return x.local().toLowerCase(Locale.ROOT) + '@' + x.domain().name();
    }
    if (login instanceof Login.MailServerUser x) {
      return x.local().toLowerCase(Locale.ROOT) + '@' + x.domain().name();
    }
    return ((Login.Account) login).username().name();
  }
}
