package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.proxy.auth.AuthHttpServer;
import io.cphub.proxy.auth.Authenticator;
import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.proxy.route.Backend;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.verify.CheckLimits;
import io.cphub.proxy.verify.CredentialCache;
import io.cphub.proxy.verify.FakeImap;
import io.cphub.proxy.verify.ImapChecker;
import io.cphub.proxy.verify.Verifier;
import io.cphub.testkit.MutableClock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue scenario: a backend answers {@code NO [PRIVACYREQUIRED]} to correct passwords (a cPanel
 * update reset its trusted networks) while an office behind one NAT address keeps logging in. With
 * the real abuse guard, auth_http server and IMAP checker against a real socket: no strikes, so once
 * the backend is fixed the office logs in. The control with {@code [AUTHENTICATIONFAILED]} shows
 * the same number of real wrong passwords does ban the address.
 */
class BackendRefusalNoBanTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections. | OK",
      "-ERR-not-imap garbage                                                              | OK",
      "NO [AUTHENTICATIONFAILED] Authentication failed.                                   | [AUTHENTICATIONFAILED]",
  })
  void refusalsThatAreNotWrongPasswords_neverBanTheOffice(String refusal, String afterFix) throws Exception {
    AtomicBoolean fixed = new AtomicBoolean();
    MutableClock clock = new MutableClock();
    AbuseGuard guard = new AbuseGuard(TestConfigs.defaults(), clock, new BanList(), BanSink.LOCAL,
        new GuardMetrics(new PrometheusRegistry()));
    ProxyMetrics metrics = new ProxyMetrics();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (FakeImap backend = FakeImap.scripted(pw -> fixed.get() ? "OK Logged in" : refusal)) {
      LiveTable live = new LiveTable(Clock.systemUTC(), RouteTable.of(UUID.randomUUID(), 1, Map.of("office.example", 1),
          Map.of(), List.of(new Backend(1, "s1.hoster.test", "127.0.0.1", null, null, null, "active")),
          RouteTable.Source.DATABASE, Instant.now()), Instant.now());
      Verifier verifier = new Verifier(new ImapChecker(Duration.ofSeconds(2), Duration.ofSeconds(2)), backend.port(),
          new CredentialCache(Duration.ofMinutes(1), 100, System::nanoTime), threads, metrics,
          new CheckLimits(4, 4, 4, 4, 5, Duration.ofSeconds(30)), clock, id -> "s1.hoster.test");
      ProxyConfig.Auth auth = new ProxyConfig.Auth(new HostPort("127.0.0.1", 0), Duration.ofSeconds(5), 8192, null,
          null, List.of(), 2, 10, 5);
      Authenticator a = new Authenticator(live, verifier, new GuardHook(guard, new PasswordTags()), auth,
          new ProxyConfig.BackendPorts(143, 110, 25), metrics);
      AuthHttpServer server = AuthHttpServer.start(auth.listen(), group, a, Duration.ofSeconds(5), 8192);
      try {
        for (int i = 0; i < 25; i++) {
          login(server.port(), "user" + i + "@office.example", "right-" + i);
        }
        fixed.set(true);
        assertThat(login(server.port(), "boss@office.example", "right-boss")).contains("Auth-Status: " + afterFix);
      } finally {
        server.close();
      }
    } finally {
      threads.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  static String login(int port, String user, String password) throws IOException {
    String req = "GET /auth HTTP/1.0\r\nHost: localhost\r\nAuth-Method: plain\r\nAuth-User: " + user
        + "\r\nAuth-Pass: " + password + "\r\nAuth-Protocol: imap\r\nAuth-Login-Attempt: 1"
        + "\r\nClient-IP: 192.0.2.50\r\nAuth-SSL: on\r\n\r\n";
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
