package io.cphub.proxy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The IMAP and POP3 checkers against a scripted backend (a fake at the socket edge). */
class CheckerTest {
  static final byte[] PASS = "Müller-pw".getBytes(StandardCharsets.UTF_8);
  static final byte[] USER = "jo@a.example".getBytes(StandardCharsets.UTF_8);

  /** Serves one connection: sends each reply after reading one line (null = send at once); records input. */
  static CompletableFuture<String> backend(ServerSocket ss, List<String> script) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket s = ss.accept()) {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        for (String step : script) {
          if (step.startsWith("<")) {
            int len = Integer.parseInt(step.substring(1));
            seen.write(in.readNBytes(len));
            continue;
          }
          if (!step.startsWith("!")) {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
              seen.write(c);
            }
            seen.write('\n');
          }
          out.write((step.startsWith("!") ? step.substring(1) : step).getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        return seen.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static ServerSocket listen() throws IOException {
    return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
  }

  ImapChecker imap() {
    return new ImapChecker(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void imap_sendsIdWithClientAddress_thenLoginWithLiterals() throws Exception {
    try (ServerSocket ss = listen()) {
      var seen = backend(ss, List.of("!* OK ready\r\n", "* ID NIL\r\nc1 OK ID done\r\n", "+ OK\r\n",
          "<12", "+ OK\r\n", "<" + PASS.length, "c2 OK Logged in\r\n"));
      CheckOutcome r = imap().check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS);
      assertThat(r).isEqualTo(CheckResult.ACCEPTED);
      assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("c1 ID (\"x-originating-ip\" \"192.0.2.7\")\r\n"
          + "c2 LOGIN {12}\r\njo@a.example {" + PASS.length + "}\r\nMüller-pw\r\n");
    }
  }

  @Test
  void imap_authenticationFailed_isRejected_unavailable_isTemporary() throws Exception {
    try (ServerSocket ss = listen()) {
      backend(ss, List.of("!* OK ready\r\n", "c1 OK\r\n", "+ OK\r\n", "<12", "+ OK\r\n", "<" + PASS.length,
          "c2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"));
      assertThat(imap().check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS)).isEqualTo(CheckResult.REJECTED);
    }
    try (ServerSocket ss = listen()) {
      backend(ss, List.of("!* OK ready\r\n", "c1 OK\r\n", "+ OK\r\n", "<12", "+ OK\r\n", "<" + PASS.length,
          "c2 NO [UNAVAILABLE] Temporary authentication failure.\r\n"));
      assertThat(imap().check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS))
          .isInstanceOfSatisfying(BackendProblem.class, p -> {
            assertThat(p.kind()).isEqualTo(BackendProblem.Kind.REPLY);
            assertThat(p.code()).isEqualTo("unavailable");
          });
    }
    try (ServerSocket ss = listen()) {
      backend(ss, List.of("!* BYE shutting down\r\n"));
      assertThat(imap().check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS))
          .extracting(CheckOutcome::result).isEqualTo(CheckResult.UNAVAILABLE);
    }
  }

  @Test
  void imap_refusedConnectionAndSilentBackend_areUnavailable() throws Exception {
    int port;
    try (ServerSocket ss = listen()) {
      port = ss.getLocalPort();
    }
    assertThat(kind(imap().check("127.0.0.1", port, "192.0.2.7", USER, PASS)))
        .isEqualTo(BackendProblem.Kind.CONNECT_FAILED);
    try (ServerSocket ss = listen()) {
      ImapChecker quick = new ImapChecker(Duration.ofSeconds(1), Duration.ofMillis(200));
      assertThat(kind(quick.check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS)))
          .isEqualTo(BackendProblem.Kind.TIMEOUT);
    }
    try (ServerSocket ss = listen()) {
      backend(ss, List.of("!* OK ready\r\n", "c1 OK\r\n"));
      assertThat(kind(imap().check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS)))
          .isEqualTo(BackendProblem.Kind.CLOSED);
    }
  }

  static BackendProblem.Kind kind(CheckOutcome o) {
    return o instanceof BackendProblem p ? p.kind() : null;
  }

  @Test
  void imap_clientIpThatIsNotAnAddress_isNotSentInId() throws Exception {
    try (ServerSocket ss = listen()) {
      var seen = backend(ss, List.of("!* OK ready\r\n", "+ OK\r\n", "<12", "+ OK\r\n", "<" + PASS.length,
          "c2 OK\r\n"));
      assertThat(imap().check("127.0.0.1", ss.getLocalPort(), "1.2.3.4\") (\"x", USER, PASS))
          .isEqualTo(CheckResult.ACCEPTED);
      assertThat(seen.get(5, TimeUnit.SECONDS)).doesNotContain("ID");
    }
  }

  @Test
  void pop3_userPass_andErrorClasses() throws Exception {
    Pop3Checker pop = new Pop3Checker(Duration.ofSeconds(2), Duration.ofSeconds(2));
    try (ServerSocket ss = listen()) {
      var seen = backend(ss, List.of("!+OK ready\r\n", "+OK\r\n", "+OK Logged in.\r\n"));
      assertThat(pop.check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS)).isEqualTo(CheckResult.ACCEPTED);
      assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("USER jo@a.example\r\nPASS Müller-pw\r\n");
    }
    try (ServerSocket ss = listen()) {
      backend(ss, List.of("!+OK ready\r\n", "+OK\r\n", "-ERR [AUTH] Authentication failed.\r\n"));
      assertThat(pop.check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS)).isEqualTo(CheckResult.REJECTED);
    }
    try (ServerSocket ss = listen()) {
      backend(ss, List.of("!+OK ready\r\n", "+OK\r\n", "-ERR [SYS/TEMP] Temporary failure.\r\n"));
      assertThat(pop.check("127.0.0.1", ss.getLocalPort(), "192.0.2.7", USER, PASS))
          .extracting(CheckOutcome::result).isEqualTo(CheckResult.UNAVAILABLE);
    }
    assertThat(pop.check("127.0.0.1", 1, "192.0.2.7", USER, "a\r\nQUIT".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(CheckResult.REJECTED);
  }
}
