package io.cphub.proxy.auth;

import static io.cphub.proxy.auth.AuthHttpHandlerTest.BAD_IMAP;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.INVALID;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.WRONG_IMAP;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.bytes;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.channel;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.drain;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.end;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.imap;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.nginx;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.utf8AsBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backend gets the login it knows: each request (ISO-8859-1 text, one char per byte, as nginx
 * sends it), the exact reply, and the login the password check used (empty: no check was made).
 */
class CanonicalLoginTest {
  static final String OK = "HTTP/1.0 200 OK\r\nAuth-Status: OK\r\nAuth-Server: 10.0.0.1\r\nAuth-Port: 143\r\n";
  static final String OK2 = "HTTP/1.0 200 OK\r\nAuth-Status: OK\r\nAuth-Server: 2001:db8::2\r\nAuth-Port: 1143\r\n";
  static final String S1 = "10.0.0.1:1143 192.0.2.10 ";
  static final String S2 = "2001:db8::2:1143 192.0.2.10 ";

  /** 192 bytes of UTF-8 local part on a 156-character domain: 349 bytes. */
  static final String LONG_LOGIN = "€".repeat(64) + "@" + AuthFixture.LONG_DOMAIN;

  static String user(String login) {
    return "Auth-User: " + utf8AsBytes(login) + "\r\n";
  }

  static Stream<Arguments> cases() {
    String ssl = "Auth-SSL: on\r\n";
    return Stream.of(
        Arguments.of("trailing dot", imap("alice@example.com.", "secret"),
            OK + user("alice@example.com") + end(), List.of(S1 + "alice@example.com")),
        Arguments.of("IDN domain typed in Unicode", imap(utf8AsBytes("info@bücher.example"), "secret"),
            OK + user("info@xn--bcher-kva.example") + end(), List.of(S1 + "info@xn--bcher-kva.example")),
        Arguments.of("upper-case Unicode and a trailing dot", imap(utf8AsBytes("info@BÜCHER.Example."), "secret"),
            OK + user("info@xn--bcher-kva.example") + end(), List.of(S1 + "info@xn--bcher-kva.example")),
        Arguments.of("ideographic full stop", imap(utf8AsBytes("info@bücher\u3002example"), "secret"),
            OK + user("info@xn--bcher-kva.example") + end(), List.of(S1 + "info@xn--bcher-kva.example")),
        Arguments.of("local part keeps its case and its Unicode", imap(utf8AsBytes("Jörg.Info@Bücher.example"), "secret"),
            OK + user("Jörg.Info@xn--bcher-kva.example") + end(), List.of(S1 + "Jörg.Info@xn--bcher-kva.example")),
        Arguments.of("already canonical: no Auth-User", imap("info@xn--bcher-kva.example", "secret"),
            OK + end(), List.of(S1 + "info@xn--bcher-kva.example")),
        Arguments.of("local+domain form kept, its domain canonical", imap(utf8AsBytes("info+Bücher.example."), "secret"),
            OK + user("info+xn--bcher-kva.example") + end(), List.of(S1 + "info+xn--bcher-kva.example")),
        Arguments.of("local+domain already canonical", imap("info+xn--bcher-kva.example", "secret"),
            OK + end(), List.of(S1 + "info+xn--bcher-kva.example")),
        Arguments.of("bare cPanel username goes on as typed", imap("Carol", "secret"),
            OK2 + end(), List.of(S2 + "Carol")),
        Arguments.of("faß.de routes to its own server, not to fass.de", imap(utf8AsBytes("kontakt@faß.de"), "secret"),
            OK2 + user("kontakt@xn--fa-hia.de") + end(), List.of(S2 + "kontakt@xn--fa-hia.de")),
        Arguments.of("fass.de stays on its server", imap("kontakt@fass.de", "secret"),
            OK + end(), List.of(S1 + "kontakt@fass.de")),
        Arguments.of("pop3 gets Auth-User too", nginx("pop3", "alice@Example.com.", "secret", "1", ssl),
            OK.replace("143", "110") + user("alice@example.com") + end(), List.of(S1 + "alice@example.com")),
        Arguments.of("smtp gets Auth-User too", nginx("smtp", "alice@example.com.", "secret", "1", ssl),
            OK.replace("143", "25") + user("alice@example.com") + end(), List.of(S1 + "alice@example.com")),
        Arguments.of("Auth-User comes before a rewritten Auth-Pass", imap("alice@example.com.", "M\u00fcller-pw"),
            OK + user("alice@example.com") + "Auth-Pass: " + utf8AsBytes("Müller-pw") + "\r\n" + end(),
            List.of(S1 + "alice@example.com")),
        Arguments.of("wrong password under the canonical login", imap("alice@example.com.", "nope"),
            WRONG_IMAP, List.of(S1 + "alice@example.com")),
        // Hostile or broken logins: refused like a wrong password, no backend check.
        Arguments.of("joiner IDNA2003 would drop", imap(utf8AsBytes("info@bü\u200dcher.example"), "secret"),
            WRONG_IMAP, List.of()),
        Arguments.of("two trailing dots", imap("alice@example.com..", "secret"), WRONG_IMAP, List.of()),
        Arguments.of("Unicode domain sent as Latin-1", imap("info@b\u00fccher.example", "secret"), WRONG_IMAP, List.of()),
        Arguments.of("escaped space in the domain", imap("alice@exa%20mple.com", "secret"), WRONG_IMAP, List.of()),
        Arguments.of("bad punycode next to Unicode", imap(utf8AsBytes("a@bücher.xn--zz.example"), "secret"),
            WRONG_IMAP, List.of()),
        // Auth-User plus a transcoded Auth-Pass must fit nginx's 1 KB reply buffer (longest address assumed).
        Arguments.of("long canonical login and long rewritten password, just fitting",
            imap(utf8AsBytes(LONG_LOGIN + "."), "\u00fc".repeat(251)),
            OK + user(LONG_LOGIN) + "Auth-Pass: " + utf8AsBytes("ü".repeat(251)) + "\r\n" + end(),
            List.of(S1 + LONG_LOGIN)),
        Arguments.of("two bytes more no longer fit: refused before any check",
            imap(utf8AsBytes(LONG_LOGIN + "."), "\u00fc".repeat(252)), WRONG_IMAP, List.of()),
        Arguments.of("the same password fits when the login needs no rewriting",
            imap(utf8AsBytes(LONG_LOGIN), "\u00fc".repeat(252)), WRONG_IMAP, List.of(S1 + LONG_LOGIN)),
        // DEL: nginx escapes control bytes, space and % but passes DEL raw.
        Arguments.of("password with DEL", imap("alice@example.com", "del\u007fpw"), OK + end(),
            List.of(S1 + "alice@example.com")),
        Arguments.of("Latin-1 password with DEL is rewritten, DEL kept", imap("alice@example.com", "d\u00e9l\u007f"),
            OK + "Auth-Pass: " + utf8AsBytes("dél\u007f") + "\r\n" + end(), List.of(S1 + "alice@example.com")),
        Arguments.of("wrong password with DEL", imap("alice@example.com", "\u007f"), WRONG_IMAP,
            List.of(S1 + "alice@example.com")),
        Arguments.of("DEL in the login: unparseable", imap("ali\u007fce@example.com", "secret"), WRONG_IMAP, List.of()),
        Arguments.of("DEL in another header is still malformed",
            imap("alice@example.com", "secret").replace("Host: localhost", "Host: local\u007fhost"), INVALID, List.of()),
        Arguments.of("escaped DEL is decoded like any byte", imap("alice@example.com", "del%7Fpw"), OK + end(),
            List.of(S1 + "alice@example.com")),
        Arguments.of("a raw control byte in the password stays malformed",
            imap("alice@example.com", "del\u0001pw"), INVALID, List.of()),
        Arguments.of("bad escape next to DEL", imap("alice@example.com", "\u007f%zz"), BAD_IMAP, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void backendGetsTheCanonicalLogin(String name, String request, String expected, List<String> checked) {
    AuthFixture f = new AuthFixture();
    EmbeddedChannel ch = channel(f.authenticator(null, null, LoginGuard.NONE));
    ch.writeInbound(bytes(request));
    assertThat(drain(ch)).isEqualTo(expected);
    assertThat(f.checked).containsExactlyElementsOf(checked);
    assertThat(expected.length()).isLessThan(1024);
  }

  @Test
  void typedAndCanonicalForms_shareOneCachedSuccess() {
    AuthFixture f = new AuthFixture();
    Authenticator a = f.authenticator(null, null, LoginGuard.NONE);
    for (String login : List.of("info@xn--bcher-kva.example", utf8AsBytes("info@bücher.example"),
        "info@XN--BCHER-KVA.example.")) {
      EmbeddedChannel ch = channel(a);
      ch.writeInbound(bytes(imap(login, "secret")));
      assertThat(drain(ch)).startsWith(OK);
    }
    assertThat(f.checked).containsExactly(S1 + "info@xn--bcher-kva.example");
  }
}
