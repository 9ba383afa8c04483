package io.cphub.agent.sessions;

import io.cphub.agent.whm.WhmClient;
import io.cphub.agent.whm.WhmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one {@link Kick}: WHM's {@code terminate_cpuser_mailbox_sessions} for an account that
 * moved whole, falling back to {@code doveadm kick} of its masks when WHM cannot (the account is
 * gone from this server, WHM fails); doveadm for everything else. Each call is paced by
 * {@link KickPace}, logged at INFO (WARN when it failed) and counted. With {@code enabled} false
 * nothing is kicked: the kick is logged and counted as skipped. Not thread-safe: the follower's.
 */
final class Kicker {
  private static final Logger LOG = LoggerFactory.getLogger(Kicker.class);
  private final WhmClient whm;
  private final Doveadm doveadm;
  private final KickPace pace;
  private final KickCounter counter;
  private final boolean enabled;

  Kicker(WhmClient whm, Doveadm doveadm, KickPace pace, KickCounter counter, boolean enabled) {
    this.whm = whm;
    this.doveadm = doveadm;
    this.pace = pace;
    this.counter = counter;
    this.enabled = enabled;
  }

  void kick(Kick k) throws InterruptedException {
    if (!enabled) {
      counter.count("off", "skipped");
      LOG.info("sessions.kick=false: not kicking {} after {}", k.viaWhm() ? "account " + k.account() : k.masks(),
          k.reason());
      return;
    }
    if (k.viaWhm()) {
      pace.await();
      try {
        whm.terminateMailboxSessions(k.account());
        counter.count("whm", "ok");
        LOG.info("kicked the mailbox sessions of account {} through WHM after {}", k.account(), k.reason());
        return;
      } catch (WhmException e) {
        counter.count("whm", "failed");
        LOG.info("WHM could not end the sessions of account {} ({}); kicking {} with doveadm", k.account(),
            e.getMessage(), k.masks());
      }
    }
    for (String mask : k.masks()) {
      pace.await();
      Doveadm.Result r = doveadm.kick(mask);
      switch (r.outcome()) {
        case KICKED -> {
          counter.count("doveadm", "kicked");
          LOG.info("kicked the sessions of {} with doveadm after {}: {}", mask, k.reason(), r.output());
        }
        case NONE -> {
          counter.count("doveadm", "none");
          LOG.info("doveadm kick {} after {}: nobody was connected", mask, k.reason());
        }
        case FAILED -> {
          counter.count("doveadm", "failed");
          LOG.warn("doveadm kick {} after {} failed: {}", mask, k.reason(), r.output());
        }
      }
    }
  }
}
