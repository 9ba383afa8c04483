package io.cphub.proxy.abuse;

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
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real auth_http server (Netty, real socket, production Authenticator and Verifier) with a
 * guard plugged in, and a fake backend edge: a password is right when it is {@code pw-<local>}.
 * Counts backend checks, so a test sees whether the guard let an attempt through.
 */
final class AuthStack implements AutoCloseable {
  final AtomicInteger checks = new AtomicInteger();
  final ProxyMetrics metrics = new ProxyMetrics();
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final AuthHttpServer server;

  /** One reply: Auth-Status, Auth-Wait (-1 when absent) and all headers. */
  record Reply(String status, int waitSeconds, Map<String, String> headers) {
    boolean ok() {
      return status.equals("OK");
    }
  }

  AuthStack(LoginGuard guard) throws InterruptedException {
    RouteTable t = RouteTable.of(UUID.randomUUID(), 1, Map.of("example.com", 1, "office.example", 1), Map.of(),
        List.of(new Backend(1, "s1.hoster.test", "10.0.0.1", null, null, null, "active")),
        RouteTable.Source.DATABASE, Instant.now());
    LiveTable live = new LiveTable(Clock.systemUTC(), t, Instant.now());
    Verifier verifier = new Verifier((host, port, clientIp, user, password) -> {
      checks.incrementAndGet();
      String u = new String(user, StandardCharsets.UTF_8);
      String right = "pw-" + u.substring(0, u.indexOf('@'));
      return right.equals(new String(password, StandardCharsets.UTF_8)) ? CheckResult.ACCEPTED : CheckResult.REJECTED;
    }, 143, new CredentialCache(Duration.ofMinutes(5), 10_000, System::nanoTime), Runnable::run, metrics);
    ProxyConfig.Auth auth = new ProxyConfig.Auth(new HostPort("127.0.0.1", 0), Duration.ofSeconds(5), 8192, null, null,
        List.of(), 2, 10, 5);
    Authenticator a = new Authenticator(live, verifier, guard, auth, new ProxyConfig.BackendPorts(143, 110, 25), metrics);
    server = AuthHttpServer.start(new HostPort("127.0.0.1", 0), group, a, Duration.ofSeconds(5), 8192);
  }

  /** One nginx auth_http request over a new connection, as nginx sends it for IMAP over TLS. */
  Reply login(String clientIp, String user, String password, int attempt) throws IOException {
    String req = "GET /auth HTTP/1.0\r\nHost: localhost\r\nAuth-Method: plain\r\nAuth-User: " + user
        + "\r\nAuth-Pass: " + password + "\r\nAuth-Protocol: imap\r\nAuth-Login-Attempt: " + attempt
        + "\r\nClient-IP: " + clientIp + "\r\nAuth-SSL: on\r\n\r\n";
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(req.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : text.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
      }
      String wait = headers.get("auth-wait");
      return new Reply(headers.getOrDefault("auth-status", "(none)"), wait == null ? -1 : Integer.parseInt(wait),
          headers);
    }
  }

  Reply login(String clientIp, String user, String password) throws IOException {
    return login(clientIp, user, password, 1);
  }

  @Override
  public void close() {
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
