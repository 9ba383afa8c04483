package io.cphub.proxy.config;

import io.cphub.model.config.Settings;
import io.cphub.model.config.SettingsException;
import io.cphub.proxy.abuse.GuardConfig;
import io.cphub.proxy.verify.CheckLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the proxy's properties file with {@code CPHUB_<KEY>} environment overrides through
 * {@link Settings}, then validates every value and the rules between keys. Stateless.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads {@code file} (may be null: defaults plus environment only). */
  public static ProxyConfig load(Path file, Map<String, String> env) {
    try {
      return build(Settings.load(file, env, ConfigKeys.DEFAULTS, ConfigKeys.SECRETS));
    } catch (SettingsException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The effective configuration as key=value lines with secrets masked, for the start-up log. */
  public static String describe(ProxyConfig c) {
    return c.db() + " " + c.feed() + " " + c.table() + " " + c.auth() + " " + c.backend() + " " + c.verify()
        + " admin.listen=" + c.adminListen() + " autoconfig=" + (c.autoconfig() == null ? "off" : c.autoconfig())
        + " " + c.abuse() + " net.native-transport=" + c.nativeTransport()
        + " net.event-loops=" + c.eventLoops() + " log.logins=" + c.loginLog();
  }

  private static ProxyConfig build(Settings v) {
    // db.password-file (and auth.secret-file) are read by Settings into db.password (auth.secret).
    String password = v.optionalString("db.password");
    String url = v.string("db.url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("db.url: expected jdbc:postgresql://..., got '" + url + "'");
    }
    var db = new ProxyConfig.Db(url, v.string("db.user"), password,
        v.duration("db.connect-timeout"), v.duration("db.socket-timeout"));
    var feed = new ProxyConfig.Feed(v.duration("feed.poll-interval"), v.duration("feed.backoff-min"),
        v.duration("feed.backoff-max"), v.integer("feed.batch-size", 1, 1_000_000));
    if (feed.backoffMax().compareTo(feed.backoffMin()) < 0) {
      throw new ConfigException("feed.backoff-max must not be below feed.backoff-min");
    }
    var table = new ProxyConfig.Table(Path.of(v.string("table.file")), v.duration("table.write-interval"),
        v.duration("table.stale-after"));
    String secretHeader = v.optionalString("auth.secret-header");
    String secret = v.optionalString("auth.secret");
    if ((secretHeader == null) != (secret == null)) {
      throw new ConfigException("auth.secret-header and auth.secret must be set together");
    }
    if (secretHeader != null && !secretHeader.matches("[A-Za-z0-9-]{1,64}")) {
      throw new ConfigException("auth.secret-header: only letters, digits and '-' allowed, got '" + secretHeader + "'");
    }
    var auth = new ProxyConfig.Auth(listen(v, "auth.listen"), v.duration("auth.read-timeout"),
        v.integer("auth.max-header-bytes", 1024, 65536), secretHeader, secret, v.list("auth.trusted-networks"),
        v.integer("auth.wait-seconds", 0, 60), v.integer("auth.wait-max-attempts", 0, 20),
        v.integer("auth.temp-wait-seconds", 0, 300));
    var ports = new ProxyConfig.BackendPorts(v.integer("backend.imap-port", 1, 65535),
        v.integer("backend.pop3-port", 1, 65535), v.integer("backend.smtp-port", 1, 65535));
    int threads = v.integer("verify.threads", 2, 1024);
    var verify = new ProxyConfig.Verify(mode(v, "verify.mode"), v.duration("verify.cache-ttl"),
        v.integer("verify.cache-size", 0, 100_000_000), v.duration("verify.connect-timeout"),
        v.duration("verify.timeout"), threads,
        v.integer("verify.imap-port", 1, 65535), v.integer("verify.pop3-port", 1, 65535), limits(v, threads));
    return new ProxyConfig(db, feed, table, auth, ports, verify, listen(v, "admin.listen"), autoconfig(v),
        abuse(v, auth, feed), v.bool("net.native-transport"), v.integer("net.event-loops", 0, 256),
        v.bool("log.logins"));
  }

  private static CheckLimits limits(Settings v, int threads) {
    int perServer = v.integer("verify.server.max-in-flight", 1, 1024);
    if (perServer >= threads) {
      throw new ConfigException("verify.server.max-in-flight (" + perServer + ") must be below verify.threads ("
          + threads + "), so one server can never hold every check thread");
    }
    Duration coolDown = v.duration("verify.breaker.cool-down");
    if (coolDown.compareTo(Duration.ofSeconds(1)) < 0 || coolDown.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException("verify.breaker.cool-down must be between 1s and 1h, was " + coolDown);
    }
    return new CheckLimits(perServer, v.integer("verify.server.max-queued", 0, 100_000),
        v.integer("verify.client-ip.max-in-flight", 0, 100_000), v.integer("verify.account.max-in-flight", 0, 100_000),
        v.integer("verify.breaker.failures", 1, 1000), coolDown);
  }

  private static ProxyConfig.Autoconfig autoconfig(Settings v) {
    if (v.optionalString("autoconfig.listen") == null) {
      return null;
    }
    String cert = v.optionalString("autoconfig.signing-cert");
    String key = v.optionalString("autoconfig.signing-key");
    if ((cert == null) != (key == null)) {
      throw new ConfigException("autoconfig.signing-cert and autoconfig.signing-key must be set together");
    }
    String host = v.string("autoconfig.public-hostname");
    String name = v.optionalString("autoconfig.display-name");
    String shortName = v.optionalString("autoconfig.short-name");
    return new ProxyConfig.Autoconfig(listen(v, "autoconfig.listen"), host, name == null ? host : name,
        shortName == null ? host : shortName, cert == null ? null : Path.of(cert), key == null ? null : Path.of(key));
  }

  private static GuardConfig abuse(Settings v, ProxyConfig.Auth auth, ProxyConfig.Feed feed) {
    String node = v.optionalString("abuse.node");
    if (node == null) {
      try {
        node = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        throw new ConfigException("abuse.node is not set and the host name is unknown (" + e.getMessage() + "); set it");
      }
    }
    try {
      return new GuardConfig(v.bool("abuse.enabled"), v.duration("abuse.window"),
          v.integer("abuse.ip.wait-after", 1, 1000), v.integer("abuse.ip.ban-after", 1, 10_000),
          v.integer("abuse.net.ban-after", 1, 10_000), v.duration("abuse.account.window"),
          v.integer("abuse.account.wait-after", 1, 10_000), v.integer("abuse.account.protect-after", 1, 10_000),
          v.integer("abuse.wait-base", 1, 60), v.integer("abuse.wait-max", 1, 60), auth.waitMaxAttempts(),
          v.duration("abuse.ban.duration"), v.duration("abuse.ban.max-duration"), v.duration("abuse.ban.repeat-window"),
          v.list("abuse.allow-networks"), v.integer("abuse.max-tracked", 1, 100_000_000),
          v.integer("abuse.known-good.max", 1, 100_000_000), v.duration("abuse.known-good.ttl"), node,
          v.duration("abuse.resync-interval"), feed.backoffMin(), feed.backoffMax(),
          v.integer("abuse.max-pending", 1, 1_000_000), v.integer("abuse.net.escalate-after", 1, 1000),
          v.integer("abuse.known-good.queue", 1, 1_000_000));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage().startsWith("abuse.") ? e.getMessage()
          : "abuse.allow-networks: " + e.getMessage(), e);
    }
  }

  private static HostPort listen(Settings v, String key) {
    return v.hostPort(key, HostPort::new);
  }

  private static ProxyConfig.Mode mode(Settings v, String key) {
    String mode = v.string(key);
    try {
      return ProxyConfig.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config key '" + key + "' must be imap, pop3 or none, was '" + mode + "'", e);
    }
  }
}
