package io.cphub.agent.whm;

/** WHM refused the token (HTTP 401/403): a person must fix {@code whm.user}/{@code whm.token}. */
public final class WhmAuthException extends WhmException {
  private static final long serialVersionUID = 1L;

  public WhmAuthException(String message) {
    super("auth", message, null);
  }
}
