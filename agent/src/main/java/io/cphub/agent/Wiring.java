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
    return io.cphub.model.BuildVersion.current();
  }

  public static SyncLoop syncLoop(AgentConfig c, Clock clock) {
    WhmClient whm = new WhmClient(HttpUrl.get(c.whmUrl()), c.whmUser(), c.whmToken(), c.whmConnectTimeout(),
        c.whmReadTimeout(), c.whmKeepAlive());
    RegistryTls tls = c.registryCaFile() == null ? null
        : RegistryTls.load(c.registryCaFile(), c.registryClientCertFile(), c.registryClientKeyFile());
    RegistryClient registry = new RegistryClient(HttpUrl.get(c.registryUrl()), c.serverName(), c.registryToken(),
        c.registryTimeout(), c.registryKeepAlive(), tls);
    Spool spool = new Spool(c.spoolDir());
    spool.init();
    SyncSettings settings = new SyncSettings(c.serverName(), c.fullInterval(), c.debounce(), c.debounceMax(), c.poll(),
        c.backoffInitial(), c.backoffMax(), version());
    java.util.function.Consumer<String> pushed = user -> { };
    if (c.dns().manage()) {
      io.cphub.agent.dns.DnsClient dns = new io.cphub.agent.dns.DnsClient(whm);
      pushed = new io.cphub.agent.dns.DnsManaged(dns, new io.cphub.agent.dns.DnsRollout(dns,
          new io.cphub.agent.dns.DnsJournal(c.dns().journal()), c.dns(), clock, d -> { }));
    }
    return new SyncLoop(settings, whm, registry, spool, new StatusFile(c.statusFile()), clock, new SecureRandom(),
        pushed);
  }
}
