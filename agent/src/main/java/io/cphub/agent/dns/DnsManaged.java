package io.cphub.agent.dns;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dns.manage=true}: after an account's hook events were pushed (new account, new addon or
 * parked domain...), applies the DNS plan to that account's zones, one {@code --only} run each (so
 * no Tweak Setting changes), journaled like {@code dns apply}. Customised records stay alone; an
 * already pointed zone costs one read. Never throws: trouble is logged and the push loop goes on.
 * Runs on the sync loop thread.
 */
public final class DnsManaged implements Consumer<String> {
  private static final Logger LOG = LoggerFactory.getLogger(DnsManaged.class);
  private final DnsClient dns;
  private final DnsRollout rollout;

  public DnsManaged(DnsClient dns, DnsRollout rollout) {
    this.dns = dns;
    this.rollout = rollout;
  }

  @Override
  public void accept(String user) {
    try {
      for (ServerZone z : dns.zones()) {
        if (z.user().equalsIgnoreCase(user)) {
          DnsReport r = rollout.run(z.zone(), 0, true);
          ZoneResult zr = r.zones().get(0);
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
