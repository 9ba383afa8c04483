package io.cphub.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.net.Transport;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The auth_http listener over real sockets: one listening socket per event loop on epoll, one on NIO. */
class AuthHttpServerTest {
  private static final String LOGIN = "GET /auth HTTP/1.0\r\nHost: localhost\r\nAuth-Method: plain\r\n"
      + "Auth-User: info@example.com\r\nAuth-Pass: secret\r\nAuth-Protocol: imap\r\nAuth-Login-Attempt: 1\r\n"
      + "Client-IP: 192.0.2.10\r\nAuth-SSL: on\r\n\r\n";

  @Test
  void epoll_bindsOneSocketPerLoop_onOnePort_andEveryConnectionIsAnswered() throws Exception {
    assumeTrue(Transport.choose(true) == Transport.EPOLL, "native epoll not available here");
    EventLoopGroup group = Transport.EPOLL.group(3);
    try (AuthHttpServer server = start(group, 0)) {
      assertThat(server.listeners()).isEqualTo(3);
      for (int i = 0; i < 300; i++) {
        assertThat(login(server.port())).startsWith("HTTP/1.0 200 OK\r\n").contains("Auth-Status: OK\r\n")
            .contains("Auth-Server: 10.0.0.1\r\n");
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void clientThatConnectsAndSendsNothing_getsTheTimeoutReply_andIsClosed() throws Exception {
    EventLoopGroup group = Transport.choose(true).group(2);
    Authenticator a = new AuthFixture().authenticator(null, null, LoginGuard.NONE);
    try (AuthHttpServer server = AuthHttpServer.start(new HostPort("127.0.0.1", 0), group, a,
        Duration.ofMillis(300), 8192); Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(15_000);
      String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(reply).startsWith("HTTP/1.0 200 OK\r\n").contains("Auth-Status: Invalid request\r\n");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void nio_bindsOneSocket() throws Exception {
    EventLoopGroup group = Transport.NIO.group(3);
    try (AuthHttpServer server = start(group, 0)) {
      assertThat(server.listeners()).isEqualTo(1);
      assertThat(login(server.port())).contains("Auth-Status: OK\r\n");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void portHeldByAnotherProgram_failsToStart_andLeavesNothingBound() throws Exception {
    for (Transport t : Transport.values()) {
      if (t == Transport.EPOLL && Transport.choose(true) != Transport.EPOLL) {
        continue;
      }
      EventLoopGroup group = t.group(2);
      try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
        assertThatThrownBy(() -> start(group, taken.getLocalPort())).as(t.name()).isInstanceOf(Exception.class);
      } finally {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
  }

  @Test
  void close_releasesThePort() throws Exception {
    Transport t = Transport.choose(true);
    EventLoopGroup group = t.group(2);
    try {
      int port;
      try (AuthHttpServer server = start(group, 0)) {
        port = server.port();
      }
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
      try (AuthHttpServer again = start(group, port)) {
        assertThat(login(again.port())).contains("Auth-Status: OK\r\n");
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static AuthHttpServer start(EventLoopGroup group, int port) throws InterruptedException {
    Authenticator a = new AuthFixture().authenticator(null, null, LoginGuard.NONE);
    return AuthHttpServer.start(new HostPort("127.0.0.1", port), group, a, Duration.ofSeconds(5), 8192);
  }

  private static String login(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(LOGIN.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
