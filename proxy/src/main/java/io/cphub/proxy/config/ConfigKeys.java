package io.cphub.proxy.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every configuration key the proxy knows, with its default (null = required or optional without default). */
final class ConfigKeys {
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();
  static final Set<String> SECRETS = Set.of("db.password", "auth.secret");

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
    DEFAULTS.put("verify.threads", "64");
    DEFAULTS.put("verify.server.max-in-flight", "16");
    DEFAULTS.put("verify.server.max-queued", "32");
    DEFAULTS.put("verify.client-ip.max-in-flight", "8");
    DEFAULTS.put("verify.account.max-in-flight", "4");
    DEFAULTS.put("verify.breaker.failures", "5");
    DEFAULTS.put("verify.breaker.cool-down", "30s");
    DEFAULTS.put("verify.imap-port", "143");
    DEFAULTS.put("verify.pop3-port", "110");
    DEFAULTS.put("autoconfig.listen", "");
    DEFAULTS.put("autoconfig.public-hostname", "");
    DEFAULTS.put("autoconfig.display-name", "");
    DEFAULTS.put("autoconfig.short-name", "");
    DEFAULTS.put("autoconfig.signing-cert", "");
    DEFAULTS.put("autoconfig.signing-key", "");
    DEFAULTS.put("admin.listen", "127.0.0.1:9101");
    DEFAULTS.put("net.native-transport", "true");
    DEFAULTS.put("net.event-loops", "0");
    DEFAULTS.put("abuse.enabled", "true");
    DEFAULTS.put("abuse.window", "15m");
    DEFAULTS.put("abuse.ip.wait-after", "3");
    DEFAULTS.put("abuse.ip.ban-after", "20");
    DEFAULTS.put("abuse.net.ban-after", "60");
    DEFAULTS.put("abuse.account.window", "1h");
    DEFAULTS.put("abuse.account.wait-after", "5");
    DEFAULTS.put("abuse.account.protect-after", "10");
    DEFAULTS.put("abuse.wait-base", "2");
    DEFAULTS.put("abuse.wait-max", "30");
    DEFAULTS.put("abuse.ban.duration", "15m");
    DEFAULTS.put("abuse.ban.max-duration", "24h");
    DEFAULTS.put("abuse.ban.repeat-window", "24h");
    DEFAULTS.put("abuse.allow-networks", "");
    DEFAULTS.put("abuse.max-tracked", "100000");
    DEFAULTS.put("abuse.known-good.max", "200000");
    DEFAULTS.put("abuse.known-good.ttl", "720h");
    DEFAULTS.put("abuse.node", null);
    DEFAULTS.put("abuse.resync-interval", "10s");
    DEFAULTS.put("abuse.max-pending", "10000");
    DEFAULTS.put("abuse.net.escalate-after", "3");
    DEFAULTS.put("abuse.known-good.queue", "10000");
    DEFAULTS.put("log.logins", "true");
  }

  private ConfigKeys() {}
}
