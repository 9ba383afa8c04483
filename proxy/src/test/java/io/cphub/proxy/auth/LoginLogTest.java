package io.cphub.proxy.auth;

import static io.cphub.proxy.auth.AuthHttpHandlerTest.bytes;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.channel;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.drain;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.imap;
import static io.cphub.proxy.auth.AuthHttpHandlerTest.nginx;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.verify.CredentialCache;
import io.cphub.proxy.verify.Verifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The login log seen through logback: one INFO event per decided login, its fields, never the password. */
class LoginLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(LoginLog.LOGGER);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final AuthFixture f = new AuthFixture();

  @BeforeEach
  void attach() {
    events.start();
    logger.addAppender(events);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(events);
  }

  private String login(Authenticator a, String request) {
    var ch = channel(a);
    ch.writeInbound(bytes(request));
    return drain(ch);
  }

  private static Map<String, String> fields(ILoggingEvent e) {
    Map<String, String> m = new LinkedHashMap<>();
    e.getKeyValuePairs().forEach(kv -> m.put(kv.key, String.valueOf(kv.value)));
    return m;
  }

  @Test
  void acceptedLogin_isOneInfoLine_withEveryField_andBackendThenCacheCheck() {
    Authenticator a = f.authenticator(null, null, LoginGuard.NONE);
    assertThat(login(a, imap("alice@example.com", "secret"))).contains("Auth-Status: OK");
    assertThat(login(a, imap("alice@example.com", "secret"))).contains("Auth-Status: OK");

    assertThat(events.list).hasSize(2);
    ILoggingEvent first = events.list.get(0);
    assertThat(first.getLevel()).isEqualTo(Level.INFO);
    assertThat(first.getLoggerName()).isEqualTo("cphub.login");
    assertThat(first.getTimeStamp()).isPositive();
    Map<String, String> m = fields(first);
    assertThat(m).containsEntry("protocol", "imap").containsEntry("login", "\"alice@example.com\"")
        .containsEntry("client", "192.0.2.10").containsEntry("server", "s1.hoster.test")
        .containsEntry("result", "accepted").containsEntry("check", "backend");
    assertThat(Double.parseDouble(m.get("ms"))).isGreaterThanOrEqualTo(0);
    assertThat(first.getFormattedMessage()).startsWith("login protocol=imap login=\"alice@example.com\" "
        + "client=192.0.2.10 server=s1.hoster.test result=accepted check=backend ms=");
    assertThat(fields(events.list.get(1))).containsEntry("check", "cache").containsEntry("result", "accepted");
  }

  @Test
  void wrongPassword_unknownLogin_andDownBackend_areLogged_withoutThePassword() {
    Authenticator a = f.authenticator(null, null, LoginGuard.NONE);
    login(a, nginx("pop3", "alice@example.com", "hunter2-wrong", "1", "Auth-SSL: on\r\n"));
    login(a, imap("nobody@unknown.example", "hunter2-unknown"));
    login(a, imap("dave@down.example", "hunter2-down"));

    List<Map<String, String>> all = events.list.stream().map(LoginLogTest::fields).collect(Collectors.toList());
    assertThat(all).hasSize(3);
    assertThat(all.get(0)).containsEntry("protocol", "pop3").containsEntry("result", "rejected")
        .containsEntry("check", "backend").containsEntry("server", "s1.hoster.test");
    assertThat(all.get(1)).containsEntry("result", "unknown_login").containsEntry("check", "none")
        .containsEntry("server", "-").containsEntry("login", "\"nobody@unknown.example\"");
    assertThat(all.get(2)).containsEntry("result", "unavailable").containsEntry("server", "s3.hoster.test");
    for (ILoggingEvent e : events.list) {
      assertThat(e.getFormattedMessage() + fields(e)).doesNotContain("hunter2");
      assertThat(e.getArgumentArray()).allSatisfy(arg -> assertThat(String.valueOf(arg)).doesNotContain("hunter2"));
    }
  }

  @Test
  void guardRefusal_isLoggedAsBlocked_withoutAPasswordCheck() {
    LoginGuard refuseAll = new LoginGuard() {
      @Override
      public GuardVerdict before(LoginAttempt attempt) {
        return new GuardVerdict(GuardVerdict.Kind.REJECT, 10);
      }

      @Override
      public void after(LoginAttempt attempt, AuthOutcome outcome) {
        // nothing to learn
      }
    };
    login(f.authenticator(null, null, refuseAll), imap("alice@example.com", "secret"));
    assertThat(events.list).singleElement().satisfies(e ->
        assertThat(fields(e)).containsEntry("result", "blocked").containsEntry("check", "none"));
    assertThat(f.checked).isEmpty();
  }

  @Test
  void hostileLogin_isEscaped_inTheLine() {
    Authenticator a = f.authenticator(null, null, LoginGuard.NONE);
    login(a, imap("evil%0d%0aresult=accepted@example.com", "x"));
    assertThat(events.list).singleElement().satisfies(e -> {
      assertThat(e.getFormattedMessage()).doesNotContain("\r").doesNotContain("\n");
      assertThat(fields(e).get("login")).contains("\\x0d\\x0a");
    });
  }

  @Test
  void modeNone_isLoggedAsNoCheck() {
    Verifier none = new Verifier(null, AuthFixture.CHECK_PORT,
        new CredentialCache(Duration.ofMinutes(5), 10, System::nanoTime), Runnable::run, f.metrics);
    Authenticator a = new Authenticator(f.live, none, LoginGuard.NONE, AuthFixture.authConfig(null, null),
        new ProxyConfig.BackendPorts(143, 110, 25), f.metrics, LoginLog.ON);
    assertThat(login(a, imap("alice@example.com", "anything"))).contains("Auth-Status: OK");
    assertThat(events.list).singleElement().satisfies(e ->
        assertThat(fields(e)).containsEntry("result", "accepted").containsEntry("check", "none"));
  }

  @Test
  void switchedOff_logsNothing_butStillAnswers() {
    Verifier v = new Verifier(f.checker(), AuthFixture.CHECK_PORT,
        new CredentialCache(Duration.ofMinutes(5), 10, System::nanoTime), Runnable::run, f.metrics);
    Authenticator a = new Authenticator(f.live, v, LoginGuard.NONE, AuthFixture.authConfig(null, null),
        new ProxyConfig.BackendPorts(143, 110, 25), f.metrics, LoginLog.of(false));
    assertThat(login(a, imap("alice@example.com", "secret"))).contains("Auth-Status: OK");
    assertThat(login(a, imap("alice@example.com", "wrong"))).contains("AUTHENTICATIONFAILED");
    assertThat(events.list).isEmpty();
  }
}
