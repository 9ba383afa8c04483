package io.cphub.agent;

import io.cphub.agent.config.AgentConfig;
import io.cphub.agent.metrics.AgentMetrics;
import io.cphub.agent.push.PushCalls;
import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.push.RegistryTls;
import io.cphub.agent.push.StatusFile;
import io.cphub.agent.push.SyncLoop;
import io.cphub.agent.push.SyncSettings;
import io.cphub.agent.sessions.DepartureFollower;
import io.cphub.agent.sessions.KickCounter;
import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmCalls;
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

  static WhmClient whm(AgentConfig c, WhmCalls calls) {
    return new WhmClient(HttpUrl.get(c.whmUrl()), c.whmUser(), c.whmToken(), c.whmConnectTimeout(),
        c.whmReadTimeout(), c.whmKeepAlive(), calls);
  }

  static RegistryClient registry(AgentConfig c, PushCalls calls) {
    RegistryTls tls = c.registryCaFile() == null ? null
        : RegistryTls.load(c.registryCaFile(), c.registryClientCertFile(), c.registryClientKeyFile());
    return new RegistryClient(HttpUrl.get(c.registryUrl()), c.serverName(), c.registryToken(),
        c.registryTimeout(), c.registryKeepAlive(), tls, calls);
  }

  /**
   * The departures follower (its own WHM and registry clients, so a slow kick never holds up a
   * push); its WHM calls are timed like the sync loop's, its departure polls are not pushes.
   */
  public static DepartureFollower departures(AgentConfig c, KickCounter counter, AgentMetrics metrics) {
    WhmCalls whmCalls = metrics == null ? WhmCalls.NONE : metrics;
    return DepartureFollower.create(registry(c, PushCalls.NONE), whm(c, whmCalls), c.sessions(), counter);
  }

  public static SyncLoop syncLoop(AgentConfig c, Clock clock) {
    return syncLoop(c, clock, null);
  }

  /** The sync loop, reporting WHM calls and registry writes to {@code metrics} (null: nowhere). */
  public static SyncLoop syncLoop(AgentConfig c, Clock clock, AgentMetrics metrics) {
    WhmClient whm = whm(c, metrics == null ? WhmCalls.NONE : metrics);
    RegistryClient registry = registry(c, metrics == null ? PushCalls.NONE : metrics);
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
