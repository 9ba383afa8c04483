package io.cphub.proxy.verify;

/** What a backend said about a login and password. */
public enum CheckResult {
  /** The backend accepted the password. */
  ACCEPTED,
  /** The backend refused the password (or the user). */
  REJECTED,
  /** The backend could not be asked or answered with a temporary failure: not the user's fault. */
  UNAVAILABLE
}
