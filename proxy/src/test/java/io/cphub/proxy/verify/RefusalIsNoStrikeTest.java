package io.cphub.proxy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.proxy.auth.AuthHttpServer;
import io.cphub.proxy.auth.AuthOutcome;
import io.cphub.proxy.auth.Authenticator;
import io.cphub.proxy.auth.GuardVerdict;
import io.cphub.proxy.auth.LoginAttempt;
import io.cphub.proxy.auth.LoginGuard;
import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.proxy.route.Backend;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue scenario: a backend answering {@code NO [PRIVACYREQUIRED]} (a reset trusted network) to a
 * correct password. Through the real auth_http server and IMAP checker against a real socket:
 * the client gets the temporary reply and the guard hears UNAVAILABLE, never a wrong password.
 */
class RefusalIsNoStrikeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "NO [PRIVACYREQUIRED] Plaintext authentication disallowed | UNAVAILABLE | Temporary server problem",
      "NO [UNAVAILABLE] Temporary authentication failure.      | UNAVAILABLE | Temporary server problem",
      "NO [EXPIRED] Password expired                           | UNAVAILABLE | Temporary server problem",
      "BAD Error in IMAP command                               | UNAVAILABLE | Temporary server problem",
      "NO [AUTHENTICATIONFAILED] Authentication failed.        | REJECTED    | [AUTHENTICATIONFAILED]",
      "NO Login failed                                         | REJECTED    | [AUTHENTICATIONFAILED]",
      "OK Logged in                                            | ACCEPTED    | OK",
  })
  void backendRefusal_reachesTheGuardAsWhatItIs(String tagged, AuthOutcome expected, String status) throws Exception {
    List<AuthOutcome> told = new CopyOnWriteArrayList<>();
    LoginGuard guard = new LoginGuard() {
      @Override
      public GuardVerdict before(LoginAttempt attempt) {
        return GuardVerdict.ALLOW;
      }

      @Override
      public void after(LoginAttempt attempt, AuthOutcome outcome) {
        told.add(outcome);
      }
    };
    ProxyMetrics metrics = new ProxyMetrics();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    var threads = Executors.newFixedThreadPool(2);
    try (FakeImap backend = FakeImap.scripted(pw -> tagged)) {
      LiveTable live = new LiveTable(Clock.systemUTC(), RouteTable.of(UUID.randomUUID(), 1, Map.of("office.example", 1),
          Map.of(), List.of(new Backend(1, "s1.hoster.test", "127.0.0.1", null, null, null, "active")),
          RouteTable.Source.DATABASE, Instant.now()), Instant.now());
      Verifier verifier = new Verifier(new ImapChecker(Duration.ofSeconds(2), Duration.ofSeconds(2)), backend.port(),
          new CredentialCache(Duration.ofMinutes(1), 100, System::nanoTime), threads, metrics,
          new CheckLimits(4, 4, 4, 4, 5, Duration.ofSeconds(30)), Clock.systemUTC(), id -> "s1.hoster.test");
      ProxyConfig.Auth auth = new ProxyConfig.Auth(new HostPort("127.0.0.1", 0), Duration.ofSeconds(5), 8192, null,
          null, List.of(), 2, 10, 5);
      Authenticator a = new Authenticator(live, verifier, guard, auth, new ProxyConfig.BackendPorts(143, 110, 25),
          metrics);
      AuthHttpServer server = AuthHttpServer.start(auth.listen(), group, a, Duration.ofSeconds(5), 8192);
      try {
        String reply = login(server.port(), "info@office.example", "right-password");
        assertThat(reply).contains("Auth-Status: " + status);
        assertThat(told).containsExactly(expected);
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
        + "\r\nClient-IP: 192.0.2.44\r\nAuth-SSL: on\r\n\r\n";
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
