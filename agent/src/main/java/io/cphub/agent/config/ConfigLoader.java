package io.cphub.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.HttpUrl;

/**
 * Reads the properties file, applies environment overrides ({@code CPHUB_<KEY>}, dots and dashes
 * as underscores, upper-case), rejects unknown keys naming the exact key, and validates every
 * value once. Stateless.
 */
public final class ConfigLoader {
  static final Map<String, String> DEFAULTS = defaults();

  private ConfigLoader() {}

  public static AgentConfig load(Path file, Map<String, String> env) {
    Properties p = new Properties();
    if (file != null) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
      }
    }
    Map<String, String> values = new TreeMap<>(DEFAULTS);
    for (String key : p.stringPropertyNames()) {
      if (!DEFAULTS.containsKey(key)) {
        throw new ConfigException("unknown config key '" + key + "' in " + file + " (known: " + DEFAULTS.keySet() + ")");
      }
      values.put(key, p.getProperty(key).strip());
    }
    for (String key : DEFAULTS.keySet()) {
      String v = env.get(envName(key));
      if (v != null) {
        values.put(key, v.strip());
      }
    }
    return build(values);
  }

  /** {@code registry.timeout-ms} → {@code CPHUB_REGISTRY_TIMEOUT_MS}. */
  public static String envName(String key) {
    return "CPHUB_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static AgentConfig build(Map<String, String> v) {
    return new AgentConfig(required(v, "server.name"), url(v, "registry.url"), required(v, "registry.token"),
        millis(v, "registry.timeout-ms", 100), url(v, "whm.url"), required(v, "whm.user"), required(v, "whm.token"),
        millis(v, "whm.connect-timeout-ms", 100), millis(v, "whm.read-timeout-ms", 100),
        Path.of(required(v, "spool.dir")), Path.of(required(v, "status.file")),
        Duration.ofMinutes(number(v, "sync.full-interval-minutes", 1, 24 * 60)), millis(v, "sync.debounce-ms", 0),
        millis(v, "sync.poll-ms", 10), millis(v, "backoff.initial-ms", 10), millis(v, "backoff.max-ms", 10),
        Path.of(required(v, "hooks.script")), Path.of(required(v, "hooks.manage-hooks")));
  }

  private static String required(Map<String, String> v, String key) {
    String s = v.get(key);
    if (s == null || s.isEmpty()) {
      throw new ConfigException("config key '" + key + "' is required (or env " + envName(key) + ")");
    }
    return s;
  }

  private static String url(Map<String, String> v, String key) {
    String s = required(v, key);
    if (HttpUrl.parse(s) == null) {
      throw new ConfigException("config key '" + key + "' is not an http(s) URL: " + s);
    }
    return s;
  }

  private static Duration millis(Map<String, String> v, String key, long min) {
    return Duration.ofMillis(number(v, key, min, 86_400_000L));
  }

  private static long number(Map<String, String> v, String key, long min, long max) {
    String s = required(v, key);
    long n;
    try {
      n = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ConfigException("config key '" + key + "' is not a whole number: " + s);
    }
    if (n < min || n > max) {
      throw new ConfigException("config key '" + key + "' must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new TreeMap<>();
    for (String required : Set.of("server.name", "registry.url", "registry.token", "whm.token")) {
      d.put(required, "");
    }
    d.put("registry.timeout-ms", "10000");
    d.put("whm.url", "http://127.0.0.1:2086");
    d.put("whm.user", "root");
    d.put("whm.connect-timeout-ms", "5000");
    d.put("whm.read-timeout-ms", "60000");
    d.put("spool.dir", "/var/spool/cphub-agent");
    d.put("status.file", "/var/lib/cphub-agent/status.json");
    d.put("sync.full-interval-minutes", "30");
    d.put("sync.debounce-ms", "250");
    d.put("sync.poll-ms", "100");
    d.put("backoff.initial-ms", "1000");
    d.put("backoff.max-ms", "60000");
    d.put("hooks.script", "/usr/local/cphub-agent/bin/cphub-hook");
    d.put("hooks.manage-hooks", "/usr/local/cpanel/bin/manage_hooks");
    return java.util.Collections.unmodifiableMap(d);
  }
}
