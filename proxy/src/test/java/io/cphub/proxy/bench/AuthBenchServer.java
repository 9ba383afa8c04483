package io.cphub.proxy.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cphub.proxy.auth.AuthHttpServer;
import io.cphub.proxy.auth.Authenticator;
import io.cphub.proxy.auth.LoginGuard;
import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.proxy.route.Backend;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.verify.CheckResult;
import io.cphub.proxy.verify.CredentialCache;
import io.cphub.proxy.verify.Verifier;
import io.cphub.proxy.net.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The production auth_http server over a 100,000-domain table, password checks answered by a
 * backend stand-in that accepts: after the first request every check is a cache hit, which is the
 * path measured. Args: port [event-loop threads, default one per core as in production]. Runs until
 * killed.
 */
public final class AuthBenchServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Map<String, Integer> domains = new HashMap<>();
    for (int d = 0; d < 100_000; d++) {
      domains.put("customer" + d + ".example-hosting.com", 1);
    }
    LiveTable live = new LiveTable(Clock.systemUTC(), RouteTable.of(UUID.randomUUID(), 1, domains, Map.of(),
        List.of(new Backend(1, "s1.hoster.test", "10.0.0.1", null, null, null, "active")), RouteTable.Source.DATABASE,
        Instant.now()), Instant.now());
    ProxyMetrics metrics = new ProxyMetrics();
    AtomicLong checks = new AtomicLong();
    Verifier verifier = new Verifier((host, p, ip, user, pass) -> {
      checks.incrementAndGet();
      return CheckResult.ACCEPTED;
    }, 143, new CredentialCache(Duration.ofMinutes(10), 100_000, Ticker.systemTicker()), Executors.newFixedThreadPool(4), metrics);
    ProxyConfig.Auth auth = new ProxyConfig.Auth(new HostPort("127.0.0.1", port), Duration.ofSeconds(5), 8192, null,
        null, List.of(), 2, 10, 5);
    Authenticator a = new Authenticator(live, verifier, LoginGuard.NONE, auth, new ProxyConfig.BackendPorts(143, 110, 25),
        metrics);
    AuthHttpServer server = AuthHttpServer.start(auth.listen(),
        Transport.choose(!"nio".equals(System.getenv("BENCH_TRANSPORT"))).group(threads), a, auth.readTimeout(),
        auth.maxHeaderBytes());
    System.out.println("auth bench server on port " + server.port());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("backend checks: " + checks.get())));
    Thread.currentThread().join();
  }
}
