package io.cphub.agent.dns;

import io.cphub.agent.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code dns.*} keys: {@code target} (the central host, empty = DNS commands refuse to run),
 * {@code journal} (old values, append-only), {@code pause} between zones, {@code staleRetries}
 * per zone, {@code manage} (treat new domains on their hook events), {@code addresses} (when set:
 * A/AAAA records to these addresses instead of a CNAME to the target), {@code progress} (the file
 * the state of the change is kept in, reported to the registry).
 */
public record DnsSettings(String target, Path journal, Duration pause, int staleRetries, boolean manage,
    java.util.List<String> addresses, Path progress) {
  public DnsSettings(String target, Path journal, Duration pause, int staleRetries, boolean manage) {
    this(target, journal, pause, staleRetries, manage, java.util.List.of(),
        journal.resolveSibling("dns-progress.json"));
  }

  public DnsSettings {
    addresses = java.util.List.copyOf(addresses);
    Address.parseAll(addresses);
    if (!target.isEmpty() && !Names.isHostname(target)) {
      throw new ConfigException("config key 'dns.target' is not a host name: " + target);
    }
    if (manage && target.isEmpty()) {
      throw new ConfigException("config key 'dns.manage' is true but 'dns.target' is not set");
    }
    if (staleRetries < 0 || staleRetries > 20) {
      throw new ConfigException("config key 'dns.stale-retries' must be 0..20, was " + staleRetries);
    }
  }

  /** The target, or a config error naming the key when it is not set. */
  public String requireTarget() {
    if (target.isEmpty()) {
      throw new ConfigException("config key 'dns.target' is not set (e.g. dns.target=mail.hoster.host)");
    }
    return target;
  }
}
