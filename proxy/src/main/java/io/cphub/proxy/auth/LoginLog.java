package io.cphub.proxy.auth;

import io.cphub.model.Printable;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login log: one INFO line per decided login on the logger {@value #LOGGER} (protocol, login,
 * client IP, server, result, how the password was checked, latency), never the password. The line
 * is key=value text and carries the same fields as SLF4J key-value pairs, so a JSON encoder writes
 * them as fields. Whether the line reaches a file, journald or nothing is the logback setup's
 * business (see the README); logging is cheap for the caller when an asynchronous appender is used.
 * Thread-safe and stateless.
 */
public final class LoginLog {
  /** The logger name, so that logback can route these lines on their own. */
  public static final String LOGGER = "cphub.login";
  /** Logs every decided login. */
  public static final LoginLog ON = new LoginLog(true);
  /** Logs nothing ({@code log.logins=false}). */
  public static final LoginLog OFF = new LoginLog(false);
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  /** How the password was checked: from the credential cache, by the backend, or not at all. */
  public enum Check { CACHE, BACKEND, NONE }

  private final boolean enabled;

  private LoginLog(boolean enabled) {
    this.enabled = enabled;
  }

  /** {@link #ON} or {@link #OFF}. */
  public static LoginLog of(boolean enabled) {
    return enabled ? ON : OFF;
  }

  /** Records one decided login; {@code startedNanos} is a {@link System#nanoTime()} reading. */
  void decided(LoginAttempt a, AuthOutcome outcome, Check check, long startedNanos) {
    if (!enabled || !LOG.isInfoEnabled()) {
      return;
    }
    String login = Printable.of(a.rawLogin());
    String server = a.backend() == null ? "-" : a.backend().name();
    String result = outcome.name().toLowerCase(Locale.ROOT);
    String how = check.name().toLowerCase(Locale.ROOT);
    String ms = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e6);
    LOG.atInfo()
        .addKeyValue("protocol", a.protocol().label())
        .addKeyValue("login", login)
        .addKeyValue("client", a.clientIp())
        .addKeyValue("server", server)
        .addKeyValue("result", result)
        .addKeyValue("check", how)
        .addKeyValue("ms", ms)
        .log("login protocol={} login={} client={} server={} result={} check={} ms={}", a.protocol().label(), login,
            a.clientIp(), server, result, how, ms);
  }
}
