package io.cphub.proxy.route;

import io.cphub.proxy.ProxyException;

/** Reading the registry's routes or change feed failed, or the feed is inconsistent. */
public final class FeedException extends ProxyException {
  private static final long serialVersionUID = 1L;

  public FeedException(String message) {
    super(message);
  }

  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
