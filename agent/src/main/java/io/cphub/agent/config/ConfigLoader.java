package io.cphub.agent.config;

import io.cphub.model.config.Settings;
import io.cphub.model.config.SettingsException;
import io.cphub.agent.dns.DnsSettings;
import io.cphub.agent.sessions.SessionSettings;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import io.cphub.agent.push.SyncSettings;
import okhttp3.HttpUrl;

/**
 * Reads the agent's properties file with {@code CPHUB_<KEY>} environment overrides through
 * {@link Settings} and validates every value once into an {@link AgentConfig}. Stateless.
 */
public final class ConfigLoader {
  static final Map<String, String> DEFAULTS = defaults();
  static final Set<String> SECRETS = Set.of("registry.token", "whm.token");

  private ConfigLoader() {}

  public static AgentConfig load(Path file, Map<String, String> env) {
    try {
      Settings s = Settings.load(file, env, DEFAULTS, SECRETS);
      return new AgentConfig(s.string("server.name"), url(s, "registry.url"), s.string("registry.token"),
          millis(s, "registry.timeout-ms", 100), millis(s, "registry.keep-alive-ms", 1), path(s, "registry.ca-file"),
          path(s, "registry.client-cert-file"), path(s, "registry.client-key-file"), url(s, "whm.url"),
          s.string("whm.user"), s.string("whm.token"), millis(s, "whm.connect-timeout-ms", 100),
          millis(s, "whm.read-timeout-ms", 100), millis(s, "whm.keep-alive-ms", 1),
          Path.of(s.string("spool.dir")), Path.of(s.string("status.file")),
          Duration.ofMinutes(s.longValue("sync.full-interval-minutes", 1, 24 * 60)), millis(s, "sync.debounce-ms", 0),
          debounceMax(s), millis(s, "sync.poll-ms", 10), millis(s, "backoff.initial-ms", 10), millis(s, "backoff.max-ms", 10),
          Path.of(s.string("hooks.script")), Path.of(s.string("hooks.manage-hooks")), dns(s),
          s.optionalString("metrics.listen") == null ? null : s.hostPort("metrics.listen", ListenAddress::new),
          sessions(s), s.describe());
    } catch (SettingsException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static Path path(Settings s, String key) {
    String v = s.optionalString(key);
    if ("registry.client-key-file".equals(key) && (v == null) != (s.optionalString("registry.client-cert-file") == null)) {
      throw new ConfigException("config key 'registry.client-key-file': must be set together with registry.client-cert-file");
    }
    if (v != null && !key.equals("registry.ca-file") && s.optionalString("registry.ca-file") == null) {
      throw new ConfigException("config key '" + key + "': needs registry.ca-file (the CA of the registry's certificate)");
    }
    return v == null ? null : Path.of(v);
  }

  private static DnsSettings dns(Settings s) {
    String addresses = s.optionalString("dns.addresses");
    return new DnsSettings(s.optionalString("dns.target") == null ? "" : s.optionalString("dns.target").strip(),
        Path.of(s.string("dns.journal")), millis(s, "dns.pause-ms", 0), s.integer("dns.stale-retries", 0, 20),
        s.bool("dns.manage"), addresses == null || addresses.isBlank() ? List.of()
            : java.util.Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList(),
        beside(s, "dns.progress-file", Path.of(s.string("dns.journal")), "dns-progress.json"));
  }

  private static SessionSettings sessions(Settings s) {
    String socket = s.optionalString("sessions.kick-socket");
    return new SessionSettings(s.bool("sessions.kick"), List.of(s.string("sessions.doveadm").strip().split("\\s+")),
        socket == null || socket.isBlank() ? null : Path.of(socket.strip()), s.decimal("sessions.max-kicks-per-second"), millis(s, "sessions.poll-ms", 50),
        beside(s, "sessions.cursor-file", Path.of(s.string("status.file")), "departures.cursor"));
  }

  /** The key's path, or unset: {@code name} in the directory of {@code sibling}. */
  private static Path beside(Settings s, String key, Path sibling, String name) {
    String v = s.optionalString(key);
    return v == null || v.isBlank() ? sibling.toAbsolutePath().resolveSibling(name) : Path.of(v);
  }

  private static String url(Settings s, String key) {
    String url = s.string(key);
    if (HttpUrl.parse(url) == null) {
      throw new ConfigException("config key '" + key + "' is not an http(s) URL: " + url);
    }
    return url;
  }

  /** Unset: the larger of one second and ten {@code sync.debounce-ms}; never below the debounce. */
  private static Duration debounceMax(Settings s) {
    Duration debounce = millis(s, "sync.debounce-ms", 0);
    if (s.optionalString("sync.debounce-max-ms") == null) {
      return SyncSettings.defaultDebounceMax(debounce);
    }
    Duration max = millis(s, "sync.debounce-max-ms", 0);
    if (max.compareTo(debounce) < 0) {
      throw new ConfigException("config key 'sync.debounce-max-ms' (" + max.toMillis()
          + ") must not be below 'sync.debounce-ms' (" + debounce.toMillis() + ")");
    }
    return max;
  }

  private static Duration millis(Settings s, String key, long min) {
    return Duration.ofMillis(s.longValue(key, min, 86_400_000L));
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new TreeMap<>();
    for (String required : Set.of("server.name", "registry.url", "registry.token", "whm.token")) {
      d.put(required, "");
    }
    d.put("registry.timeout-ms", "10000");
    d.put("registry.ca-file", "");
    d.put("registry.client-cert-file", "");
    d.put("registry.client-key-file", "");
    d.put("registry.keep-alive-ms", "4000");
    d.put("whm.url", "http://127.0.0.1:2086");
    d.put("whm.user", "root");
    d.put("whm.connect-timeout-ms", "5000");
    d.put("whm.read-timeout-ms", "60000");
    d.put("whm.keep-alive-ms", "4000");
    d.put("spool.dir", "/var/spool/cphub-agent");
    d.put("status.file", "/var/lib/cphub-agent/status.json");
    d.put("sync.full-interval-minutes", "30");
    d.put("sync.debounce-ms", "30");
    d.put("sync.debounce-max-ms", "");
    d.put("sync.poll-ms", "1000");
    d.put("backoff.initial-ms", "1000");
    d.put("backoff.max-ms", "60000");
    d.put("hooks.script", "/usr/local/cphub-agent/bin/cphub-hook");
    d.put("hooks.manage-hooks", "/usr/local/cpanel/bin/manage_hooks");
    d.put("dns.target", "");
    d.put("dns.journal", "/var/lib/cphub-agent/dns-journal.jsonl");
    d.put("dns.pause-ms", "200");
    d.put("dns.stale-retries", "3");
    d.put("dns.manage", "false");
    d.put("metrics.listen", "127.0.0.1:9471");
    d.put("dns.addresses", "");
    d.put("dns.progress-file", "");
    d.put("sessions.kick", "true");
    d.put("sessions.doveadm", "/usr/bin/doveadm");
    d.put("sessions.kick-socket", "");
    d.put("sessions.max-kicks-per-second", "20");
    d.put("sessions.poll-ms", "500");
    d.put("sessions.cursor-file", "");
    return java.util.Collections.unmodifiableMap(d);
  }
}
