package io.cphub.proxy.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every configuration key the proxy knows, with its default (null = required or optional without default). */
final class ConfigKeys {
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  static final Set<String> SECRETS = Set.of("db.password", "auth.secret");
  static final Set<String> OPTIONAL = Set.of(
      "db.password", "db.password-file", "auth.secret", "auth.secret-header");

  static {
    DEFAULTS.put("db.url", null);
    DEFAULTS.put("db.user", null);
    DEFAULTS.put("db.password", null);
    DEFAULTS.put("db.password-file", null);
    DEFAULTS.put("db.connect-timeout", "5s");
    DEFAULTS.put("db.socket-timeout", "30s");
    DEFAULTS.put("feed.poll-interval", "2s");
    DEFAULTS.put("feed.backoff-min", "250ms");
    DEFAULTS.put("feed.backoff-max", "30s");
    DEFAULTS.put("feed.batch-size", "10000");
    DEFAULTS.put("table.file", "/var/lib/cphub-proxy/routes.bin");
    DEFAULTS.put("table.write-interval", "60s");
    DEFAULTS.put("table.stale-after", "30s");
    DEFAULTS.put("auth.listen", "127.0.0.1:9100");
    DEFAULTS.put("auth.read-timeout", "5s");
    DEFAULTS.put("auth.max-header-bytes", "8192");
    DEFAULTS.put("auth.secret-header", null);
    DEFAULTS.put("auth.secret", null);
    DEFAULTS.put("auth.trusted-networks", "");
    DEFAULTS.put("auth.wait-seconds", "2");
    DEFAULTS.put("auth.wait-max-attempts", "10");
    DEFAULTS.put("auth.temp-wait-seconds", "5");
    DEFAULTS.put("backend.imap-port", "143");
    DEFAULTS.put("backend.pop3-port", "110");
    DEFAULTS.put("backend.smtp-port", "25");
    DEFAULTS.put("verify.mode", "imap");
    DEFAULTS.put("verify.cache-ttl", "10m");
    DEFAULTS.put("verify.cache-size", "100000");
    DEFAULTS.put("verify.connect-timeout", "3s");
    DEFAULTS.put("verify.timeout", "10s");
    DEFAULTS.put("verify.threads", "32");
    DEFAULTS.put("admin.listen", "127.0.0.1:9101");
  }

  private ConfigKeys() {}

  /** {@code db.password-file} → {@code CPHUB_DB_PASSWORD_FILE}. */
  static String envName(String key) {
    return "CPHUB_" + key.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
  }
}
