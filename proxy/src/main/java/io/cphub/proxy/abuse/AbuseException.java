package io.cphub.proxy.abuse;

import io.cphub.proxy.ProxyException;

/** The ban store could not be read or written; the message names the operation and the ban. */
public final class AbuseException extends ProxyException {
  private static final long serialVersionUID = 1L;

  public AbuseException(String message) {
    super(message);
  }

  public AbuseException(String message, Throwable cause) {
    super(message, cause);
  }
}
