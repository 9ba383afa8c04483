package io.cphub.agent.dns;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dns.manage=true}: after an account's hook events were pushed (new account, new addon or
 * parked domain...), applies the DNS plan to that account's zones, one {@code --only} run each (so
 * no Tweak Setting changes), journaled like {@code dns apply}. Customised records stay alone; an
 * already pointed zone costs one read. Each zone's status goes into the progress file (when one is
 * given), so the registry's counts include zones treated this way. Never throws: trouble is logged and the push loop goes on.
 * Runs on the sync loop thread.
 */
public final class DnsManaged implements Consumer<String> {
  private static final Logger LOG = LoggerFactory.getLogger(DnsManaged.class);
  private final DnsClient dns;
  private final DnsRollout rollout;

  private final DnsProgressFile progress;
  private final java.time.Clock clock;

  public DnsManaged(DnsClient dns, DnsRollout rollout) {
    this(dns, rollout, null, java.time.Clock.systemUTC());
  }

  /** As above, recording each zone's status in {@code progress} (null: none). */
  public DnsManaged(DnsClient dns, DnsRollout rollout, DnsProgressFile progress, java.time.Clock clock) {
    this.dns = dns;
    this.rollout = rollout;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public void accept(String user) {
    try {
      for (ServerZone z : dns.zones()) {
        if (z.user().equalsIgnoreCase(user)) {
          DnsReport r = rollout.run(z.zone(), 0, true);
          ZoneResult zr = r.zones().get(0);
          if (progress != null) {
            progress.record(r, z.zone(), 0, clock.instant());
          }
          if (zr.status().equals("failed")) {
            LOG.warn("dns.manage: zone {} of account {} failed, left as it was: {}", z.zone(), user, zr.error());
          } else if (!zr.changes().isEmpty() || !zr.skipped().isEmpty()) {
            LOG.info("dns.manage: zone {} of account {}: {} {} {}", z.zone(), user, zr.status(), zr.changes(),
                zr.skipped());
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("dns.manage: zones of account {} not treated: {}", user, e.getMessage());
    }
  }
}
