package io.cphub.proxy.verify;

import java.util.Locale;

/**
 * Why a check could not tell whether the password is right. {@code code} is the backend's response
 * code in lower case (IMAP {@code unavailable}, POP3 {@code sys/temp}, ...) for {@link Kind#REPLY},
 * else null; {@code detail} is printable text for the log, never a password.
 */
public record BackendProblem(Kind kind, String code, String detail) implements CheckOutcome {
  /** What went wrong. */
  public enum Kind {
    /** The backend could not be connected to (refused, unreachable, connect timeout). */
    CONNECT_FAILED,
    /** Connected, but the backend did not answer in time. */
    TIMEOUT,
    /** The backend closed the connection mid-dialogue. */
    CLOSED,
    /** The backend said something that is not the protocol (bad greeting, garbage, over-long line). */
    GARBLED,
    /** The backend refused for a reason other than wrong credentials (a response code, BAD). */
    REPLY,
    /** This server's share of checks (in flight and queued) is full: not asked. */
    BUSY,
    /** This server's circuit breaker is open: not asked. */
    CIRCUIT_OPEN,
    /** The client address or the account has too many checks in flight: not asked. */
    CLIENT_LIMIT;

    /** The metric label. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BackendProblem {
    if (kind == null) {
      throw new IllegalArgumentException("kind is null");
    }
  }

  static BackendProblem of(Kind kind, String detail) {
    return new BackendProblem(kind, null, detail);
  }

  @Override
  public CheckResult result() {
    return CheckResult.UNAVAILABLE;
  }

  /** True for the problems that mean the backend is sick (the breaker counts these). */
  public boolean backendDown() {
    return kind == Kind.CONNECT_FAILED || kind == Kind.TIMEOUT || kind == Kind.CLOSED;
  }

  /** True when the backend was never asked (a limit or the breaker refused locally). */
  public boolean notAsked() {
    return kind == Kind.BUSY || kind == Kind.CIRCUIT_OPEN || kind == Kind.CLIENT_LIMIT;
  }
}
