package io.cphub.proxy.auth;

/**
 * The failure replies, per protocol, built once. {@code Auth-Wait} grows with nginx's
 * {@code Auth-Login-Attempt} ({@code waitSeconds × attempt}, at most 30 s) and is left out after
 * {@code waitMaxAttempts}, so nginx closes the session instead of keeping it open (nginx frees an
 * attempt's memory only at session end). Immutable and thread-safe.
 */
final class Replies {
  static final String TEMPORARY = "Temporary server problem, try again later";
  private static final int MAX_WAIT = 30;
  private final AuthReply[][] invalid;
  private final AuthReply[] tls = new AuthReply[Protocol.values().length];
  private final AuthReply[] temporary = new AuthReply[Protocol.values().length];
  private final AuthReply[] bad = new AuthReply[Protocol.values().length];
  private final AuthReply badUnknown = AuthReply.failure("Invalid request", null, -1, "bad_request");

  Replies(int waitSeconds, int waitMaxAttempts, int tempWaitSeconds) {
    invalid = new AuthReply[Protocol.values().length][waitMaxAttempts + 2];
    for (Protocol p : Protocol.values()) {
      for (int a = 0; a <= waitMaxAttempts + 1; a++) {
        int wait = a >= 1 && a <= waitMaxAttempts ? Math.min(MAX_WAIT, waitSeconds * a) : -1;
        invalid[p.ordinal()][a] = invalidFor(p, wait, "invalid");
      }
      bad[p.ordinal()] = invalidFor(p, -1, "bad_request");
      tls[p.ordinal()] = switch (p) {
        case IMAP -> AuthReply.failure("[PRIVACYREQUIRED] TLS is required", null, -1, "tls_required");
        case POP3 -> AuthReply.failure("[AUTH] TLS is required", null, -1, "tls_required");
        case SMTP -> AuthReply.failure("Must issue a STARTTLS command first", "530 5.7.0", -1, "tls_required");
      };
      temporary[p.ordinal()] = AuthReply.failure(TEMPORARY, p == Protocol.SMTP ? "454 4.7.0" : null,
          tempWaitSeconds, "temporary");
    }
  }

  private static AuthReply invalidFor(Protocol p, int wait, String result) {
    return switch (p) {
      case IMAP -> AuthReply.failure("[AUTHENTICATIONFAILED] Authentication failed.", null, wait, result);
      case POP3 -> AuthReply.failure("[AUTH] Authentication failed.", null, wait, result);
      case SMTP -> AuthReply.failure("Authentication credentials invalid", "535 5.7.8", wait, result);
    };
  }

  /** Wrong password, unknown user or domain, refused by policy: all look the same. */
  AuthReply invalid(Protocol p, int attempt) {
    AuthReply[] row = invalid[p.ordinal()];
    return row[Math.min(Math.max(attempt, 1), row.length - 1)];
  }

  /** Wrong password or unknown login, with the abuse guard's longer wait. */
  AuthReply invalidWaiting(Protocol p, int waitSeconds) {
    return invalidFor(p, waitSeconds, "invalid");
  }

  /** Refused by the abuse guard with its own wait: looks like a wrong password to the client. */
  AuthReply blocked(Protocol p, int waitSeconds) {
    return invalidFor(p, waitSeconds, "blocked");
  }

  AuthReply tlsRequired(Protocol p) {
    return tls[p.ordinal()];
  }

  AuthReply temporary(Protocol p) {
    return temporary[p.ordinal()];
  }

  /** A malformed request; {@code p} null when even the protocol was unreadable. */
  AuthReply badRequest(Protocol p) {
    return p == null ? badUnknown : bad[p.ordinal()];
  }
}
