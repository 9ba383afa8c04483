package io.cphub.proxy.auth;

/** How an attempt ended, as reported to the {@link LoginGuard}. */
public enum AuthOutcome {
  /** The backend accepted the password (or the cache remembered that it did). */
  ACCEPTED,
  /** The backend refused the password. */
  REJECTED,
  /** The login names no known domain or account. */
  UNKNOWN_LOGIN,
  /** The guard itself refused the attempt. */
  BLOCKED,
  /** The backend could not be asked: not counted against anyone. */
  UNAVAILABLE
}
