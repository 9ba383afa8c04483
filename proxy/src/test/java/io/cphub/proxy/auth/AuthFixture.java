package io.cphub.proxy.auth;

import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.proxy.route.Backend;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.verify.CheckResult;
import io.cphub.proxy.verify.CredentialCache;
import io.cphub.proxy.verify.CredentialChecker;
import io.cphub.proxy.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A route table, a fake backend checker and an Authenticator wired like production, for handler tests. */
final class AuthFixture {
  static final List<String> PASSWORDS = List.of("secret", "Müller-pw", "p w%", "euro€", "del\u007fpw", "dél\u007f",
      "ü".repeat(251));
  /** A routed domain of 156 characters, for replies near nginx's 1 KB limit. */
  static final String LONG_DOMAIN = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(20) + ".example";
  /** The backends' ordinary IMAP port that checks use; nginx is sent the PROXY-protocol port 143. */
  static final int CHECK_PORT = 1143;
  final List<String> checked = new ArrayList<>();
  final ProxyMetrics metrics = new ProxyMetrics();
  final LiveTable live;

  AuthFixture() {
    RouteTable t = RouteTable.of(UUID.randomUUID(), 7,
        Map.of("example.com", 1, "example.net", 2, "xn--mller-kva.example", 1, "down.example", 3,
            "bad.example", 4, "xn--bcher-kva.example", 1, "fass.de", 1, "xn--fa-hia.de", 2, LONG_DOMAIN, 1),
        Map.of("carol", 2),
        List.of(new Backend(1, "s1.hoster.test", "10.0.0.1", null, null, null, "active"),
            new Backend(2, "s2.hoster.test", "2001:db8::2", 1143, 1110, 1587, "active"),
            new Backend(3, "s3.hoster.test", "10.0.0.3", null, null, null, "active"),
            new Backend(4, "s4.hoster.test", "mail.bad.example", null, null, null, "active")),
        RouteTable.Source.DATABASE, Instant.now());
    live = new LiveTable(Clock.systemUTC(), t, Instant.now());
  }

  /** Accepts the passwords above (as UTF-8), is down for 10.0.0.3, rejects the rest. */
  CredentialChecker checker() {
    return (host, port, clientIp, user, password) -> {
      checked.add(host + ":" + port + " " + clientIp + " " + new String(user, StandardCharsets.UTF_8));
      if (host.equals("10.0.0.3")) {
        return CheckResult.UNAVAILABLE;
      }
      for (String p : PASSWORDS) {
        if (Arrays.equals(p.getBytes(StandardCharsets.UTF_8), password)) {
          return CheckResult.ACCEPTED;
        }
      }
      return CheckResult.REJECTED;
    };
  }

  static ProxyConfig.Auth authConfig(String secretHeader, String secret) {
    return new ProxyConfig.Auth(new HostPort("127.0.0.1", 0), Duration.ofSeconds(5), 8192, secretHeader, secret,
        List.of("10.0.0.0/8", "2001:db8:1::/48"), 2, 10, 5);
  }

  Authenticator authenticator(String secretHeader, String secret, LoginGuard guard) {
    Verifier v = new Verifier(checker(), CHECK_PORT, new CredentialCache(Duration.ofMinutes(5), 1000, System::nanoTime),
        Runnable::run, metrics);
    return new Authenticator(live, v, guard, authConfig(secretHeader, secret),
        new ProxyConfig.BackendPorts(143, 110, 25), metrics);
  }
}
