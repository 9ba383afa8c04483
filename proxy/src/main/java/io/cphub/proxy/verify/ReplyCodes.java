package io.cphub.proxy.verify;

import io.cphub.model.Printable;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies backend replies by their response codes (RFC 5530 for IMAP, RFC 3206 and 2449 for
 * POP3). Only a reply that says the credentials are wrong is {@link CheckResult#REJECTED}: IMAP
 * {@code NO [AUTHENTICATIONFAILED]} or a {@code NO} without a response code, POP3 {@code -ERR
 * [AUTH]} or an {@code -ERR} without one. Every other refusal ({@code NO [PRIVACYREQUIRED]},
 * {@code NO [UNAVAILABLE]}, {@code BAD}, {@code -ERR [IN-USE]}, ...) and anything that is not the
 * protocol is a {@link BackendProblem}: the backend's trouble, never the client's. Stateless.
 */
final class ReplyCodes {
  /** Codes kept as metric labels; any other code is labelled {@code other}, so labels stay bounded. */
  private static final Set<String> KNOWN = Set.of("alert", "authorizationfailed", "expired", "privacyrequired",
      "contactadmin", "noperm", "inuse", "corruption", "serverbug", "clientbug", "cannot", "limit", "overquota",
      "unavailable", "parse", "bad", "sys/temp", "sys/perm", "in-use", "login-delay", "utf8", "auth", "greeting", "bye");

  private ReplyCodes() {}

  /** The tagged reply to IMAP {@code LOGIN}; {@code line} starts with {@code tag} and a space. */
  static CheckOutcome imapLogin(String line, String tag) {
    String rest = line.substring(tag.length() + 1);
    String word = firstWord(rest);
    String after = rest.substring(word.length());
    switch (word.toUpperCase(Locale.ROOT)) {
      case "OK":
        return CheckResult.ACCEPTED;
      case "NO": {
        String code = code(after);
        if (code == null) {
          return garbled("IMAP", line);
        }
        return code.isEmpty() || code.equals("authenticationfailed") ? CheckResult.REJECTED : reply(code, line);
      }
      case "BAD": {
        String code = code(after);
        return code == null ? garbled("IMAP", line) : reply(code.isEmpty() ? "bad" : code, line);
      }
      default:
        return garbled("IMAP", line);
    }
  }

  /** Null when the IMAP greeting is usable ({@code * OK}), else the problem. */
  static BackendProblem imapGreeting(String line) {
    String upper = line.toUpperCase(Locale.ROOT);
    if (upper.equals("* OK") || upper.startsWith("* OK ")) {
      return null;
    }
    if (upper.equals("* BYE") || upper.startsWith("* BYE ")) {
      String code = code(line.substring(5));
      return reply(code == null || code.isEmpty() ? "bye" : code, line);
    }
    return garbled("IMAP greeting", line);
  }

  /**
   * A POP3 status line (greeting, reply to USER or PASS): null for {@code +OK}, else REJECTED for a
   * credential failure or the problem.
   */
  static CheckOutcome pop3(String line) {
    String word = firstWord(line);
    String after = line.substring(word.length());
    switch (word.toUpperCase(Locale.ROOT)) {
      case "+OK":
        return null;
      case "-ERR": {
        String code = code(after);
        if (code == null) {
          return garbled("POP3", line);
        }
        return code.isEmpty() || code.equals("auth") ? CheckResult.REJECTED : reply(code, line);
      }
      default:
        return garbled("POP3", line);
    }
  }

  /** A POP3 greeting: null when usable, else the problem (a refusal here is never the password). */
  static BackendProblem pop3Greeting(String line) {
    CheckOutcome o = pop3(line);
    if (o == null) {
      return null;
    }
    if (o instanceof BackendProblem p) {
      return p;
    }
    return reply("greeting", line);
  }

  private static String firstWord(String s) {
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  /**
   * The response code at the start of {@code after} (which is empty or starts with a space), lower
   * case; "" when there is none; null when the text is malformed (an unclosed or empty code).
   */
  private static String code(String after) {
    if (after.isEmpty()) {
      return "";
    }
    if (after.charAt(0) != ' ') {
      return null;
    }
    String text = after.substring(1);
    if (!text.startsWith("[")) {
      return "";
    }
    int close = text.indexOf(']');
    if (close < 0) {
      return null;
    }
    String inside = text.substring(1, close);
    int space = inside.indexOf(' ');
    String atom = space < 0 ? inside : inside.substring(0, space);
    if (atom.isEmpty() || !atom.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '[' && c != '"')) {
      return null;
    }
    return atom.toLowerCase(Locale.ROOT);
  }

  private static BackendProblem reply(String code, String line) {
    return new BackendProblem(BackendProblem.Kind.REPLY, KNOWN.contains(code) ? code : "other", Printable.of(line));
  }

  private static BackendProblem garbled(String what, String line) {
    return BackendProblem.of(BackendProblem.Kind.GARBLED, what + " reply " + Printable.of(line));
  }
}
