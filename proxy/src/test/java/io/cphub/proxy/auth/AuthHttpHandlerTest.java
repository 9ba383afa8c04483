package io.cphub.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-level auth_http cases: each request (as ISO-8859-1 text, so every char is one byte) and the
 * exact reply it must get.
 */
class AuthHttpHandlerTest {
  static final String OK1 = "HTTP/1.0 200 OK\r\nAuth-Status: OK\r\nAuth-Server: 10.0.0.1\r\nAuth-Port: 143\r\n" + end();
  static final String FAIL_IMAP = "HTTP/1.0 200 OK\r\nAuth-Status: [AUTHENTICATIONFAILED] Authentication failed.\r\n";
  static final String WRONG_IMAP = FAIL_IMAP + "Auth-Wait: 2\r\n" + end();
  static final String BAD_IMAP = FAIL_IMAP + end();
  static final String INVALID = "HTTP/1.0 200 OK\r\nAuth-Status: Invalid request\r\n" + end();
  static final String TEMP = "HTTP/1.0 200 OK\r\nAuth-Status: Temporary server problem, try again later\r\n";

  static String end() {
    return "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  /** A request as nginx 1.22 builds it (header order and names from ngx_mail_auth_http_module.c). */
  static String nginx(String protocol, String user, String pass, String attempt, String extra) {
    return "GET /auth HTTP/1.0\r\nHost: localhost\r\nAuth-Method: plain\r\nAuth-User: " + user + "\r\n"
        + "Auth-Pass: " + pass + "\r\nAuth-Protocol: " + protocol + "\r\nAuth-Login-Attempt: " + attempt + "\r\n"
        + "Client-IP: 192.0.2.10\r\n" + (protocol.equals("smtp") ? "Client-Host: [UNAVAILABLE]\r\n" : "")
        + extra + "\r\n";
  }

  static String imap(String user, String pass) {
    return nginx("imap", user, pass, "1", "Auth-SSL: on\r\nAuth-SSL-Protocol: TLSv1.3\r\n");
  }

  static String utf8AsBytes(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  static Stream<Arguments> cases() {
    String ssl = "Auth-SSL: on\r\n";
    return Stream.of(
        Arguments.of("imap address login", imap("alice@example.com", "secret"), OK1),
        Arguments.of("pop3 default port", nginx("pop3", "alice@example.com", "secret", "1", ssl),
            OK1.replace("143", "110")),
        Arguments.of("smtp default port", nginx("smtp", "alice@example.com", "secret", "1", ssl),
            OK1.replace("143", "25")),
        Arguments.of("server's own imap port, IPv6 server", imap("bob@example.net", "secret"),
            OK1.replace("10.0.0.1", "2001:db8::2").replace("143", "1143")),
        Arguments.of("server's own smtp port", nginx("smtp", "bob@example.net", "secret", "1", ssl),
            OK1.replace("10.0.0.1", "2001:db8::2").replace("143", "1587")),
        Arguments.of("local+domain", imap("alice+example.com", "secret"), OK1),
        Arguments.of("bare cPanel username routes by account", imap("Carol", "secret"),
            OK1.replace("10.0.0.1", "2001:db8::2").replace("143", "1143")),
        Arguments.of("mixed-case domain: backend gets the canonical login", imap("Alice@EXAMPLE.Com", "secret"),
            OK1.replace("Content-Length", "Auth-User: Alice@example.com\r\nContent-Length")),
        Arguments.of("IDN domain as raw UTF-8: backend gets punycode", imap(utf8AsBytes("jo@müller.example"), "secret"),
            OK1.replace("Content-Length", "Auth-User: jo@xn--mller-kva.example\r\nContent-Length")),
        Arguments.of("password with escaped space and percent", imap("alice@example.com", "p%20w%25"), OK1),
        Arguments.of("UTF-8 umlaut password passes unchanged", imap("alice@example.com", utf8AsBytes("Müller-pw")), OK1),
        Arguments.of("Latin-1 umlaut password is rewritten to UTF-8", imap("alice@example.com", "M\u00fcller-pw"),
            OK1.replace("Content-Length", "Auth-Pass: " + utf8AsBytes("Müller-pw") + "\r\nContent-Length")),
        Arguments.of("CP-1252 euro sign is rewritten to UTF-8", imap("alice@example.com", "euro\u0080"),
            OK1.replace("Content-Length", "Auth-Pass: " + utf8AsBytes("euro€") + "\r\nContent-Length")),
        Arguments.of("trusted network without TLS",
            nginx("imap", "alice@example.com", "secret", "1", "").replace("192.0.2.10", "10.1.2.3"), OK1),
        Arguments.of("wrong password, imap, attempt 1", imap("alice@example.com", "nope"), WRONG_IMAP),
        Arguments.of("wrong password, attempt 3 waits longer",
            nginx("imap", "alice@example.com", "nope", "3", ssl), WRONG_IMAP.replace("Wait: 2", "Wait: 6")),
        Arguments.of("wrong password, attempt 11: no more Auth-Wait",
            nginx("imap", "alice@example.com", "nope", "11", ssl), BAD_IMAP),
        Arguments.of("wrong password, pop3", nginx("pop3", "alice@example.com", "nope", "1", ssl),
            "HTTP/1.0 200 OK\r\nAuth-Status: [AUTH] Authentication failed.\r\nAuth-Wait: 2\r\n" + end()),
        Arguments.of("wrong password, smtp", nginx("smtp", "alice@example.com", "nope", "1", ssl),
            "HTTP/1.0 200 OK\r\nAuth-Status: Authentication credentials invalid\r\nAuth-Error-Code: 535 5.7.8\r\n"
                + "Auth-Wait: 2\r\n" + end()),
        Arguments.of("unknown domain looks like a wrong password", imap("alice@nowhere.example", "secret"), WRONG_IMAP),
        Arguments.of("local+domain with unknown domain", imap("alice+nowhere.example", "secret"), WRONG_IMAP),
        Arguments.of("unknown account", imap("dave", "secret"), WRONG_IMAP),
        Arguments.of("unparseable login", imap("a@@b", "secret"), WRONG_IMAP),
        Arguments.of("login that is not UTF-8", imap("al\u00ffce@example.com", "secret"), WRONG_IMAP),
        Arguments.of("empty password", imap("alice@example.com", ""), WRONG_IMAP),
        Arguments.of("auth method cram-md5", imap("alice@example.com", "secret").replace("plain", "cram-md5"),
            WRONG_IMAP),
        Arguments.of("Latin-1 password with a control byte cannot be forwarded",
            imap("alice@example.com", "M\u00fcller%01"), WRONG_IMAP),
        Arguments.of("no TLS, imap", nginx("imap", "alice@example.com", "secret", "1", ""),
            "HTTP/1.0 200 OK\r\nAuth-Status: [PRIVACYREQUIRED] TLS is required\r\n" + end()),
        Arguments.of("no TLS, smtp", nginx("smtp", "alice@example.com", "secret", "1", ""),
            "HTTP/1.0 200 OK\r\nAuth-Status: Must issue a STARTTLS command first\r\nAuth-Error-Code: 530 5.7.0\r\n"
                + end()),
        Arguments.of("Auth-SSL other than on", nginx("imap", "alice@example.com", "secret", "1", "Auth-SSL: off\r\n"),
            "HTTP/1.0 200 OK\r\nAuth-Status: [PRIVACYREQUIRED] TLS is required\r\n" + end()),
        Arguments.of("backend unavailable, imap", imap("alice@down.example", "secret"), TEMP + "Auth-Wait: 5\r\n" + end()),
        Arguments.of("backend unavailable, smtp", nginx("smtp", "alice@down.example", "secret", "1", ssl),
            TEMP + "Auth-Error-Code: 454 4.7.0\r\nAuth-Wait: 5\r\n" + end()),
        Arguments.of("registry row with a non-IP address", imap("alice@bad.example", "secret"),
            TEMP + "Auth-Wait: 5\r\n" + end()),
        Arguments.of("bad %-escape", imap("alice@example.com", "abc%zz"), BAD_IMAP),
        Arguments.of("truncated %-escape", imap("alice@example.com", "abc%2"), BAD_IMAP),
        Arguments.of("missing Auth-Protocol", imap("alice@example.com", "secret").replace("Auth-Protocol: imap\r\n", ""),
            INVALID),
        Arguments.of("unknown Auth-Protocol", imap("alice@example.com", "secret").replace("imap", "nntp"), INVALID),
        Arguments.of("missing Client-IP", imap("alice@example.com", "secret").replace("Client-IP: 192.0.2.10\r\n", ""),
            BAD_IMAP),
        Arguments.of("Client-IP not an address", imap("alice@example.com", "secret").replace("192.0.2.10", "\"x\")"),
            BAD_IMAP),
        Arguments.of("missing Auth-Pass", imap("alice@example.com", "secret").replace("Auth-Pass: secret\r\n", ""),
            BAD_IMAP),
        Arguments.of("bad Auth-Login-Attempt", nginx("imap", "alice@example.com", "secret", "x", ssl), BAD_IMAP),
        Arguments.of("raw CR inside a value", imap("alice@example.com", "se\rcret"), INVALID),
        Arguments.of("NUL in the login", imap("alice\u0000@example.com", "secret"), INVALID),
        Arguments.of("duplicate Auth-User", imap("alice@example.com", "secret")
            .replace("Auth-Pass:", "Auth-User: bob@example.net\r\nAuth-Pass:"), INVALID),
        Arguments.of("folded header", imap("alice@example.com", "secret").replace("Auth-Pass: secret\r\n",
            "Auth-Pass: sec\r\n ret\r\n"), INVALID),
        Arguments.of("bad request line", "HELLO\r\n\r\n", INVALID),
        Arguments.of("HTTP/2.0", imap("alice@example.com", "secret").replace("HTTP/1.0", "HTTP/2.0"), INVALID),
        Arguments.of("POST with a body", imap("alice@example.com", "secret").replace("GET", "POST")
            .replace("Host:", "Content-Length: 5\r\nHost:"), INVALID),
        Arguments.of("huge header block", imap("alice@example.com", "secret")
            .replace("Host: localhost", "Host: " + "x".repeat(9000)), INVALID),
        Arguments.of("GET required", imap("alice@example.com", "secret").replace("GET", "PUT"), BAD_IMAP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replies(String name, String request, String expected) {
    AuthFixture f = new AuthFixture();
    EmbeddedChannel ch = channel(f.authenticator(null, null, LoginGuard.NONE));
    ch.writeInbound(Unpooled.wrappedBuffer(request.getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(drain(ch)).isEqualTo(expected);
    assertThat(ch.isOpen()).isFalse();
    assertThat(expected.length()).isLessThan(1024);
  }

  @Test
  void latin1Password_isCheckedAsUtf8_andCachedSuccessSkipsTheBackend() {
    AuthFixture f = new AuthFixture();
    Authenticator a = f.authenticator(null, null, LoginGuard.NONE);
    for (int i = 0; i < 3; i++) {
      EmbeddedChannel ch = channel(a);
      ch.writeInbound(bytes(imap("alice@example.com", "M\u00fcller-pw")));
      assertThat(drain(ch)).contains("Auth-Status: OK");
    }
    assertThat(f.checked).containsExactly("10.0.0.1:1143 192.0.2.10 alice@example.com");
    EmbeddedChannel ch = channel(a);
    ch.writeInbound(bytes(imap("alice@example.com", utf8AsBytes("Müller-pw"))));
    assertThat(drain(ch)).isEqualTo(OK1);
    assertThat(f.checked).hasSize(1);
  }

  @Test
  void beforeAnyTableIsLoaded_loginsGetATemporaryFailure_notAWrongPassword() {
    AuthFixture f = new AuthFixture();
    Authenticator a = new Authenticator(
        new io.cphub.proxy.route.LiveTable(java.time.Clock.systemUTC(),
            io.cphub.proxy.route.RouteTable.empty(java.time.Instant.now()), java.time.Instant.now()),
        new io.cphub.proxy.verify.Verifier(f.checker(), AuthFixture.CHECK_PORT, new io.cphub.proxy.verify.CredentialCache(
            java.time.Duration.ofMinutes(1), 10, System::nanoTime), Runnable::run, f.metrics),
        LoginGuard.NONE, AuthFixture.authConfig(null, null), new io.cphub.proxy.config.ProxyConfig.BackendPorts(143, 110, 25),
        f.metrics);
    EmbeddedChannel ch = channel(a);
    ch.writeInbound(bytes(imap("alice@example.com", "secret")));
    assertThat(drain(ch)).isEqualTo(TEMP + "Auth-Wait: 5\r\n" + end());
    assertThat(f.checked).isEmpty();
  }

  @Test
  void aFailingGuard_becomesATemporaryFailureReply_notAnEscapedException() {
    AuthFixture f = new AuthFixture();
    LoginGuard broken = new LoginGuard() {
      @Override
      public GuardVerdict before(LoginAttempt a) {
        throw new IllegalStateException("guard bug");
      }

      @Override
      public void after(LoginAttempt a, AuthOutcome o) {
        // not reached
      }
    };
    EmbeddedChannel ch = channel(f.authenticator(null, null, broken));
    ch.writeInbound(bytes(imap("alice@example.com", "secret")));
    assertThat(drain(ch)).isEqualTo(TEMP + "Auth-Wait: 5\r\n" + end());
    assertThat(ch.isOpen()).isFalse();
    ch.checkException();
  }

  @Test
  void failures_areNeverCached() {
    AuthFixture f = new AuthFixture();
    Authenticator a = f.authenticator(null, null, LoginGuard.NONE);
    for (int i = 0; i < 2; i++) {
      EmbeddedChannel ch = channel(a);
      ch.writeInbound(bytes(imap("alice@example.com", "nope")));
      assertThat(drain(ch)).isEqualTo(WRONG_IMAP);
    }
    assertThat(f.checked).hasSize(2);
  }

  @Test
  void sharedSecret_isRequiredWhenConfigured() {
    AuthFixture f = new AuthFixture();
    Authenticator a = f.authenticator("X-Cphub-Secret", "s3cret", LoginGuard.NONE);
    EmbeddedChannel missing = channel(a);
    missing.writeInbound(bytes(imap("alice@example.com", "secret")));
    assertThat(drain(missing)).isEqualTo(BAD_IMAP);
    EmbeddedChannel wrong = channel(a);
    wrong.writeInbound(bytes(nginx("imap", "alice@example.com", "secret", "1", "Auth-SSL: on\r\nX-Cphub-Secret: s3cre\r\n")));
    assertThat(drain(wrong)).isEqualTo(BAD_IMAP);
    EmbeddedChannel right = channel(a);
    right.writeInbound(bytes(nginx("imap", "alice@example.com", "secret", "1", "Auth-SSL: on\r\nX-Cphub-Secret: s3cret\r\n")));
    assertThat(drain(right)).isEqualTo(OK1);
  }

  @Test
  void keepAlive_servesSeveralRequestsOnOneConnection() {
    AuthFixture f = new AuthFixture();
    EmbeddedChannel ch = channel(f.authenticator(null, null, LoginGuard.NONE));
    String req = imap("alice@example.com", "secret").replace("HTTP/1.0", "HTTP/1.1");
    ch.writeInbound(bytes(req));
    ch.writeInbound(bytes(req));
    String expected = "HTTP/1.1 200 OK\r\nAuth-Status: OK\r\nAuth-Server: 10.0.0.1\r\nAuth-Port: 143\r\n"
        + "Content-Length: 0\r\n\r\n";
    assertThat(drain(ch)).isEqualTo(expected + expected);
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void requestSplitAcrossReads_isAssembled() {
    AuthFixture f = new AuthFixture();
    EmbeddedChannel ch = channel(f.authenticator(null, null, LoginGuard.NONE));
    byte[] all = bytes(imap("alice@example.com", "secret")).array();
    for (byte b : all) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertThat(drain(ch)).isEqualTo(OK1);
  }

  @Test
  void slowClient_getsAFailureReplyOnReadTimeout() {
    AuthFixture f = new AuthFixture();
    EmbeddedChannel ch = channel(f.authenticator(null, null, LoginGuard.NONE));
    ch.writeInbound(bytes("GET /auth HTTP/1.0\r\nAuth-Method: pl"));
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertThat(drain(ch)).isEqualTo(INVALID);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void guard_canRejectBeforeThePasswordCheck_andLearnsOutcomes() {
    AuthFixture f = new AuthFixture();
    java.util.List<String> seen = new java.util.ArrayList<>();
    LoginGuard guard = new LoginGuard() {
      @Override
      public GuardVerdict before(LoginAttempt a) {
        return a.clientIp().equals("192.0.2.66") ? GuardVerdict.reject(15) : GuardVerdict.ALLOW;
      }

      @Override
      public void after(LoginAttempt a, AuthOutcome o) {
        seen.add(a.rawLogin() + " " + o);
      }
    };
    Authenticator a = f.authenticator(null, null, guard);
    EmbeddedChannel blocked = channel(a);
    blocked.writeInbound(bytes(imap("alice@example.com", "secret").replace("192.0.2.10", "192.0.2.66")));
    assertThat(drain(blocked)).isEqualTo(FAIL_IMAP + "Auth-Wait: 15\r\n" + end());
    EmbeddedChannel ok = channel(a);
    ok.writeInbound(bytes(imap("alice@example.com", "nope")));
    drain(ok);
    assertThat(seen).containsExactly("alice@example.com BLOCKED", "alice@example.com REJECTED");
    assertThat(f.checked).hasSize(1);
  }

  static EmbeddedChannel channel(Authenticator a) {
    return new EmbeddedChannel(new AuthRequestDecoder(8192), new AuthHttpHandler(a));
  }

  static ByteBuf bytes(String s) {
    return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String drain(EmbeddedChannel ch) {
    StringBuilder b = new StringBuilder();
    ByteBuf out;
    while ((out = ch.readOutbound()) != null) {
      b.append(out.toString(StandardCharsets.ISO_8859_1));
      out.release();
    }
    return b.toString();
  }
}
