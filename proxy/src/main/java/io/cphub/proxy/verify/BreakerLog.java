package io.cphub.proxy.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per circuit-breaker transition. Stateless. */
final class BreakerLog {
  private static final Logger LOG = LoggerFactory.getLogger(BreakerLog.class);

  private BreakerLog() {}

  static void changed(String server, int id, CircuitBreaker.State now, CheckLimits limits) {
    switch (now) {
      case OPEN -> LOG.warn("circuit breaker for server {} ({}) open: password checks fail fast for {}, then one probe",
          server, id, limits.breakerCoolDown());
      case CLOSED -> LOG.info("circuit breaker for server {} ({}) closed: the backend answers again", server, id);
      case HALF_OPEN -> LOG.info("circuit breaker for server {} ({}) half-open: probing", server, id);
    }
  }
}
