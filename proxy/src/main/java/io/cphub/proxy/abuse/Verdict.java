package io.cphub.proxy.abuse;

/**
 * The guard's answer before a password check. {@code ALLOW}: check it, normal failure reply.
 * {@code DELAY}: check it; if it fails, answer with {@code Auth-Wait: waitSeconds}.
 * {@code REFUSE}: do not check, answer like a wrong password; {@code ban} says why.
 */
public record Verdict(Kind kind, int waitSeconds, Ban ban) {
  public enum Kind { ALLOW, DELAY, REFUSE }

  public static final Verdict ALLOW = new Verdict(Kind.ALLOW, -1, null);

  public Verdict {
    if ((kind == Kind.DELAY) != (waitSeconds > 0)) {
      throw new IllegalArgumentException("a positive wait goes with DELAY only: " + kind + " " + waitSeconds);
    }
    if ((kind == Kind.REFUSE) != (ban != null)) {
      throw new IllegalArgumentException("a ban goes with REFUSE only: " + kind);
    }
  }

  static Verdict delay(int waitSeconds) {
    return new Verdict(Kind.DELAY, waitSeconds, null);
  }

  static Verdict refuse(Ban ban) {
    return new Verdict(Kind.REFUSE, -1, ban);
  }
}
