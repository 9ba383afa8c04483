package io.cphub.agent;

import io.cphub.agent.config.AgentConfig;
import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.push.RegistryTls;
import io.cphub.agent.push.StatusFile;
import io.cphub.agent.push.SyncLoop;
import io.cphub.agent.push.SyncSettings;
import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmClient;
import java.security.SecureRandom;
import java.time.Clock;
import okhttp3.HttpUrl;

/** Builds the agent's parts from its configuration. */
public final class Wiring {
  private Wiring() {}

  public static String version() {
    String v = Wiring.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static WhmClient whm(AgentConfig c) {
    return new WhmClient(HttpUrl.get(c.whmUrl()), c.whmUser(), c.whmToken(), c.whmConnectTimeout(),
        c.whmReadTimeout(), c.whmKeepAlive());
  }

  static RegistryClient registry(AgentConfig c) {
    RegistryTls tls = c.registryCaFile() == null ? null
        : RegistryTls.load(c.registryCaFile(), c.registryClientCertFile(), c.registryClientKeyFile());
    return new RegistryClient(HttpUrl.get(c.registryUrl()), c.serverName(), c.registryToken(),
        c.registryTimeout(), c.registryKeepAlive(), tls);
  }

  /** The departures follower (its own WHM and registry clients, so a slow kick never holds up a push). */
  public static io.cphub.agent.sessions.DepartureFollower departures(AgentConfig c,
      io.cphub.agent.sessions.KickCounter counter) {
    return io.cphub.agent.sessions.DepartureFollower.create(registry(c), whm(c), c.sessions(), counter);
  }

  public static SyncLoop syncLoop(AgentConfig c, Clock clock) {
    WhmClient whm = whm(c);
    RegistryClient registry = registry(c);
    Spool spool = new Spool(c.spoolDir());
    spool.init();
    SyncSettings settings = new SyncSettings(c.serverName(), c.fullInterval(), c.debounce(), c.debounceMax(), c.poll(),
        c.backoffInitial(), c.backoffMax(), version());
    java.util.function.Consumer<String> pushed = user -> { };
    if (c.dns().manage()) {
      io.cphub.agent.dns.DnsClient dns = new io.cphub.agent.dns.DnsClient(whm);
      pushed = new io.cphub.agent.dns.DnsManaged(dns, new io.cphub.agent.dns.DnsRollout(dns,
          new io.cphub.agent.dns.DnsJournal(c.dns().journal()), c.dns(), clock, d -> { }),
          new io.cphub.agent.dns.DnsProgressFile(c.dns().progress()), clock);
    }
    io.cphub.agent.dns.DnsProgressFile progress = new io.cphub.agent.dns.DnsProgressFile(c.dns().progress());
    return new SyncLoop(settings, whm, registry, spool, new StatusFile(c.statusFile()), clock, new SecureRandom(),
        pushed, progress::progress);
  }
}
