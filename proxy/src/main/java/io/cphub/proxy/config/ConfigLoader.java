package io.cphub.proxy.config;

import io.cphub.proxy.abuse.GuardConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the properties file, applies {@code CPHUB_<KEY>} environment overrides, rejects unknown
 * keys naming them, and validates every value. Stateless.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads {@code file} (may be null: defaults plus environment only). */
  public static ProxyConfig load(Path file, Map<String, String> env) {
    Properties p = new Properties();
    if (file != null) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
      }
    }
    Map<String, String> raw = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!ConfigKeys.DEFAULTS.containsKey(key)) {
        throw new ConfigException("unknown config key '" + key + "' in " + file);
      }
      raw.put(key, p.getProperty(key).strip());
    }
    for (String key : ConfigKeys.DEFAULTS.keySet()) {
      String v = env.get(ConfigKeys.envName(key));
      if (v != null) {
        raw.put(key, v.strip());
      }
    }
    return build(new Values(raw));
  }

  /** The effective configuration as key=value lines with secrets masked, for the start-up log. */
  public static String describe(ProxyConfig c) {
    return c.db() + " " + c.feed() + " " + c.table() + " " + c.auth() + " " + c.backend() + " " + c.verify()
        + " admin.listen=" + c.adminListen() + " autoconfig=" + (c.autoconfig() == null ? "off" : c.autoconfig())
        + " " + c.abuse() + " net.native-transport=" + c.nativeTransport();
  }

  private static ProxyConfig build(Values v) {
    String password = v.optional("db.password");
    String passwordFile = v.optional("db.password-file");
    if (password != null && passwordFile != null) {
      throw new ConfigException("db.password and db.password-file are both set; set one");
    }
    if (passwordFile != null) {
      try {
        password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException("db.password-file: cannot read " + passwordFile + ": " + e.getMessage(), e);
      }
    }
    String url = v.required("db.url");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("db.url: expected jdbc:postgresql://..., got '" + url + "'");
    }
    var db = new ProxyConfig.Db(url, v.required("db.user"), password,
        v.duration("db.connect-timeout"), v.duration("db.socket-timeout"));
    var feed = new ProxyConfig.Feed(v.duration("feed.poll-interval"), v.duration("feed.backoff-min"),
        v.duration("feed.backoff-max"), v.integer("feed.batch-size", 1, 1_000_000));
    if (feed.backoffMax().compareTo(feed.backoffMin()) < 0) {
      throw new ConfigException("feed.backoff-max must not be below feed.backoff-min");
    }
    var table = new ProxyConfig.Table(Path.of(v.required("table.file")), v.duration("table.write-interval"),
        v.duration("table.stale-after"));
    String secretHeader = v.optional("auth.secret-header");
    String secret = v.optional("auth.secret");
    if ((secretHeader == null) != (secret == null)) {
      throw new ConfigException("auth.secret-header and auth.secret must be set together");
    }
    if (secretHeader != null && !secretHeader.matches("[A-Za-z0-9-]{1,64}")) {
      throw new ConfigException("auth.secret-header: only letters, digits and '-' allowed, got '" + secretHeader + "'");
    }
    var auth = new ProxyConfig.Auth(v.listen("auth.listen"), v.duration("auth.read-timeout"),
        v.integer("auth.max-header-bytes", 1024, 65536), secretHeader, secret, v.list("auth.trusted-networks"),
        v.integer("auth.wait-seconds", 0, 60), v.integer("auth.wait-max-attempts", 0, 20),
        v.integer("auth.temp-wait-seconds", 0, 300));
    var ports = new ProxyConfig.BackendPorts(v.integer("backend.imap-port", 1, 65535),
        v.integer("backend.pop3-port", 1, 65535), v.integer("backend.smtp-port", 1, 65535));
    var verify = new ProxyConfig.Verify(v.mode("verify.mode"), v.duration("verify.cache-ttl"),
        v.integer("verify.cache-size", 0, 100_000_000), v.duration("verify.connect-timeout"),
        v.duration("verify.timeout"), v.integer("verify.threads", 1, 1024),
        v.integer("verify.imap-port", 1, 65535), v.integer("verify.pop3-port", 1, 65535));
    return new ProxyConfig(db, feed, table, auth, ports, verify, v.listen("admin.listen"), autoconfig(v),
        abuse(v, auth, feed), v.bool("net.native-transport"));
  }

  private static ProxyConfig.Autoconfig autoconfig(Values v) {
    if (v.optional("autoconfig.listen") == null) {
      return null;
    }
    String cert = v.optional("autoconfig.signing-cert");
    String key = v.optional("autoconfig.signing-key");
    if ((cert == null) != (key == null)) {
      throw new ConfigException("autoconfig.signing-cert and autoconfig.signing-key must be set together");
    }
    String host = v.required("autoconfig.public-hostname");
    String name = v.optional("autoconfig.display-name");
    String shortName = v.optional("autoconfig.short-name");
    return new ProxyConfig.Autoconfig(v.listen("autoconfig.listen"), host, name == null ? host : name,
        shortName == null ? host : shortName, cert == null ? null : Path.of(cert), key == null ? null : Path.of(key));
  }

  private static GuardConfig abuse(Values v, ProxyConfig.Auth auth, ProxyConfig.Feed feed) {
    String node = v.optional("abuse.node");
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
          v.integer("abuse.max-pending", 1, 1_000_000));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage().startsWith("abuse.") ? e.getMessage()
          : "abuse.allow-networks: " + e.getMessage(), e);
    }
  }

  /** Raw values with typed accessors that name the key in every error. */
  private record Values(Map<String, String> raw) {
    String value(String key) {
      String v = raw.get(key);
      return v != null ? v : ConfigKeys.DEFAULTS.get(key);
    }

    String optional(String key) {
      String v = value(key);
      return v == null || v.isEmpty() ? null : v;
    }

    String required(String key) {
      String v = optional(key);
      if (v == null) {
        throw new ConfigException("missing required config key '" + key + "' (or env " + ConfigKeys.envName(key) + ")");
      }
      return v;
    }

    int integer(String key, int min, int max) {
      String v = required(key);
      try {
        int i = Integer.parseInt(v);
        if (i < min || i > max) {
          throw new ConfigException(key + ": " + i + " is outside " + min + ".." + max);
        }
        return i;
      } catch (NumberFormatException e) {
        throw new ConfigException(key + ": not a number: '" + v + "'", e);
      }
    }

    Duration duration(String key) {
      String v = required(key);
      try {
        Duration d = parseDuration(v);
        if (d.isNegative() || d.isZero()) {
          throw new ConfigException(key + ": must be positive: '" + v + "'");
        }
        return d;
      } catch (NumberFormatException e) {
        throw new ConfigException(key + ": expected a duration like 500ms, 5s, 10m, 1h: '" + v + "'", e);
      }
    }

    boolean bool(String key) {
      String b = required(key).toLowerCase(Locale.ROOT);
      if (!b.equals("true") && !b.equals("false")) {
        throw new ConfigException(key + ": expected true or false, got '" + b + "'");
      }
      return b.equals("true");
    }

    HostPort listen(String key) {
      return HostPort.parse(key, required(key));
    }

    List<String> list(String key) {
      String v = optional(key);
      if (v == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
      return List.copyOf(out);
    }

    ProxyConfig.Mode mode(String key) {
      String v = required(key);
      try {
        return ProxyConfig.Mode.valueOf(v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + ": expected imap, pop3 or none, got '" + v + "'", e);
      }
    }
  }

  static Duration parseDuration(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new NumberFormatException("no unit");
    };
  }
}
