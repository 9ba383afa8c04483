package io.cphub.proxy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Only a credential failure is a wrong password; every other refusal or garbage is the backend's problem. */
class ReplyCodesTest {
  /** What a classification came to, as one word: accepted, rejected, or problem kind[:code]. */
  static String word(CheckOutcome o) {
    if (o == null) {
      return "go-on";
    }
    if (o instanceof BackendProblem p) {
      return p.kind().label() + (p.code() == null ? "" : ":" + p.code());
    }
    return o.result().name().toLowerCase(java.util.Locale.ROOT);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "c2 OK Logged in                                        | accepted",
      "c2 OK [CAPABILITY IMAP4rev1] Logged in                 | accepted",
      "c2 ok logged in                                        | accepted",
      "c2 NO [AUTHENTICATIONFAILED] Authentication failed.    | rejected",
      "c2 no [authenticationfailed] failed                    | rejected",
      "c2 NO [AUTHENTICATIONFAILED]                           | rejected",
      "c2 NO Login failed                                     | rejected",
      "c2 NO                                                  | rejected",
      "c2 NO [PRIVACYREQUIRED] Plaintext authentication disallowed | reply:privacyrequired",
      "c2 NO [UNAVAILABLE] Temporary authentication failure.  | reply:unavailable",
      "c2 NO [SERVERBUG] Internal error                       | reply:serverbug",
      "c2 NO [AUTHORIZATIONFAILED] No such authorization-ID   | reply:authorizationfailed",
      "c2 NO [EXPIRED] Password expired                       | reply:expired",
      "c2 NO [CONTACTADMIN] Call us                           | reply:contactadmin",
      "c2 NO [LIMIT] Too many connections                     | reply:limit",
      "c2 NO [INUSE] Mailbox locked                           | reply:inuse",
      "c2 NO [ALERT] Account suspended                        | reply:alert",
      "c2 NO [XYZZY-SOMETHING] vendor code                    | reply:other",
      "c2 NO [AUTHENTICATIONFAILED-NOT] lookalike             | reply:other",
      "c2 BAD Error in IMAP command                           | reply:bad",
      "c2 BAD [PARSE] literal                                 | reply:parse",
      "c2 NO [AUTHENTICATIONFAILED unclosed                   | garbled",
      "c2 NO []                                               | garbled",
      "c2 NO [\"x\"] quote                                    | garbled",
      "c2 NOPE                                                | garbled",
      "c2 NO\tAUTH                                           | garbled",
      "c2 +OK                                                 | garbled",
      "c2 PREAUTH                                             | garbled",
      "c2                                                     | garbled",
  })
  void imapLoginReplies(String line, String expected) {
    assertThat(word(ReplyCodes.imapLogin(line.strip().equals("c2") ? "c2 " : line.stripTrailing(), "c2")))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "+OK Logged in.                                         | go-on",
      "+OK                                                    | go-on",
      "-ERR [AUTH] Authentication failed.                     | rejected",
      "-err [auth] failed                                     | rejected",
      "-ERR Authentication failed.                            | rejected",
      "-ERR                                                   | rejected",
      "-ERR [SYS/TEMP] Temporary failure                      | reply:sys/temp",
      "-ERR [SYS/PERM] Account disabled                       | reply:sys/perm",
      "-ERR [IN-USE] Mailbox locked by another session        | reply:in-use",
      "-ERR [LOGIN-DELAY] Wait 15 minutes                     | reply:login-delay",
      "-ERR [AUTH/OTHER] hierarchical subcode                 | reply:other",
      "-ERR [UTF8] need UTF8                                  | reply:utf8",
      "-ERR [SYS/TEMP                                         | garbled",
      "-ERRx                                                  | garbled",
      "+OKAY                                                  | garbled",
      "* OK IMAP here                                         | garbled",
      "garbage\u0001\u00ff                                    | garbled",
  })
  void pop3Replies(String line, String expected) {
    assertThat(word(ReplyCodes.pop3(line.stripTrailing()))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "* OK Dovecot ready.                 | go-on",
      "* OK                                | go-on",
      "* ok [CAPABILITY IMAP4rev1] ready   | go-on",
      "* BYE [UNAVAILABLE] Server busy     | reply:unavailable",
      "* BYE Too many connections          | reply:bye",
      "* PREAUTH logged in already         | garbled",
      "+OK POP3 here                       | garbled",
      "HTTP/1.1 400 Bad Request            | garbled",
  })
  void imapGreetings(String line, String expected) {
    assertThat(word(ReplyCodes.imapGreeting(line.stripTrailing()))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "+OK Dovecot ready.                  | go-on",
      "-ERR [SYS/TEMP] try later           | reply:sys/temp",
      "-ERR [AUTH] strange greeting        | reply:greeting",
      "-ERR go away                        | reply:greeting",
      "* OK IMAP                           | garbled",
  })
  void pop3Greetings(String line, String expected) {
    assertThat(word(ReplyCodes.pop3Greeting(line.stripTrailing()))).isEqualTo(expected);
  }
}
