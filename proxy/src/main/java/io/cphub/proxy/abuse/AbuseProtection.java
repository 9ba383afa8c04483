package io.cphub.proxy.abuse;

import io.cphub.proxy.auth.AuthOutcome;
import io.cphub.proxy.auth.GuardVerdict;
import io.cphub.proxy.auth.LoginAttempt;
import io.cphub.proxy.auth.LoginGuard;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's abuse protection, assembled: the in-memory ban list, the guard, the write queue and
 * the ban follower on its own database connection. Owned by the proxy node, which passes it to
 * the auth_http authenticator as its {@link LoginGuard} and closes it on shutdown. When disabled
 * it lets everything through and opens no connection.
 */
public final class AbuseProtection implements LoginGuard, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AbuseProtection.class);
  private final LoginGuard hook;
  private final AbuseGuard guard;
  private final BanFollower follower;

  /** Opens the ban follower's dedicated connection. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  private AbuseProtection(LoginGuard hook, AbuseGuard guard, BanFollower follower) {
    this.hook = hook;
    this.guard = guard;
    this.follower = follower;
  }

  /**
   * Builds and starts it; {@code connector} opens the follower's dedicated connection (the
   * {@code cphub_proxy} role needs SELECT, INSERT, UPDATE, DELETE on {@code ban} and
   * {@code known_good}, SELECT on {@code known_good_key}).
   */
  public static AbuseProtection start(GuardConfig config, Connector connector, Clock clock,
      PrometheusRegistry registry) {
    if (!config.enabled()) {
      LOG.warn("abuse guard disabled (abuse.enabled=false): no Auth-Wait escalation, no bans");
      return new AbuseProtection(LoginGuard.NONE, null, null);
    }
    GuardMetrics metrics = new GuardMetrics(registry);
    BanList bans = new BanList();
    PendingBans pending = new PendingBans(config.maxPending(), bans, metrics);
    AbuseGuard guard = new AbuseGuard(config, clock, bans, pending, metrics);
    KnownGoodSync shared = new KnownGoodSync(guard.knownGood(), config.maxKnownGood(), clock, metrics);
    BanFollower follower = new BanFollower(connector, bans, pending, guard::lifted, shared, config, clock, metrics);
    follower.start();
    return new AbuseProtection(new GuardHook(guard, new PasswordTags()), guard, follower);
  }

  @Override
  public GuardVerdict before(LoginAttempt attempt) {
    return hook.before(attempt);
  }

  @Override
  public void after(LoginAttempt attempt, AuthOutcome outcome) {
    hook.after(attempt, outcome);
  }

  /** The guard, or null when disabled. */
  AbuseGuard guard() {
    return guard;
  }

  /** True while the ban follower's connection is up (false when disabled). */
  public boolean connected() {
    return follower != null && follower.connected();
  }

  @Override
  public void close() {
    if (follower != null) {
      follower.close();
    }
  }
}
