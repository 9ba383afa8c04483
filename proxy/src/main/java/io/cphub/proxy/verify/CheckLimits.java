package io.cphub.proxy.verify;

import java.time.Duration;

/**
 * The bulkheads around password checks: per backend at most {@code serverInFlight} running and
 * {@code serverQueued} waiting; per client address {@code clientIpInFlight} and per account
 * {@code accountInFlight} running (0 = no limit); the breaker opens after {@code breakerFailures}
 * consecutive down results and stays open for {@code breakerCoolDown}. Validated here.
 */
public record CheckLimits(int serverInFlight, int serverQueued, int clientIpInFlight, int accountInFlight,
    int breakerFailures, Duration breakerCoolDown) {
  /** No practical limit and a breaker that needs a thousand failures: for tests and benchmarks of other parts. */
  public static final CheckLimits UNBOUNDED = new CheckLimits(100_000, 0, 0, 0, 1000, Duration.ofSeconds(1));

  public CheckLimits {
    if (serverInFlight < 1) {
      throw new IllegalArgumentException("verify.server.max-in-flight must be >= 1, was " + serverInFlight);
    }
    if (serverQueued < 0) {
      throw new IllegalArgumentException("verify.server.max-queued must be >= 0, was " + serverQueued);
    }
    if (clientIpInFlight < 0) {
      throw new IllegalArgumentException("verify.client-ip.max-in-flight must be >= 0, was " + clientIpInFlight);
    }
    if (accountInFlight < 0) {
      throw new IllegalArgumentException("verify.account.max-in-flight must be >= 0, was " + accountInFlight);
    }
    if (breakerFailures < 1) {
      throw new IllegalArgumentException("verify.breaker.failures must be >= 1, was " + breakerFailures);
    }
    if (breakerCoolDown == null || breakerCoolDown.isNegative() || breakerCoolDown.isZero()) {
      throw new IllegalArgumentException("verify.breaker.cool-down must be positive, was " + breakerCoolDown);
    }
  }
}
