package io.cphub.proxy.verify;

/** What a backend said about a login and password. */
public enum CheckResult implements CheckOutcome {
  /** The backend accepted the password. */
  ACCEPTED,
  /** The backend said the credentials are wrong (the only result that may count against a client). */
  REJECTED,
  /** The backend could not be asked or refused for another reason: not the user's fault. */
  UNAVAILABLE;

  @Override
  public CheckResult result() {
    return this;
  }
}
