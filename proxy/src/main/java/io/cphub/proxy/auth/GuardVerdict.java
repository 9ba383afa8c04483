package io.cphub.proxy.auth;

/**
 * A {@link LoginGuard}'s answer. {@code ALLOW} continues to the password check; if that fails,
 * the reply carries {@code waitSeconds} as Auth-Wait (negative: the normal one). {@code REJECT}
 * answers like a wrong password, with {@code waitSeconds} as Auth-Wait (negative: the normal one).
 */
public record GuardVerdict(Kind kind, int waitSeconds) {
  public enum Kind { ALLOW, REJECT }

  public static final GuardVerdict ALLOW = new GuardVerdict(Kind.ALLOW, -1);

  /** Check the password; on failure answer with this Auth-Wait instead of the normal one. */
  public static GuardVerdict allowWaitingOnFailure(int waitSeconds) {
    return new GuardVerdict(Kind.ALLOW, waitSeconds);
  }

  public static GuardVerdict reject(int waitSeconds) {
    return new GuardVerdict(Kind.REJECT, waitSeconds);
  }
}
