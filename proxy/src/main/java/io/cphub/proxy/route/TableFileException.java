package io.cphub.proxy.route;

import io.cphub.proxy.ProxyException;

/** The local route-table file cannot be written or is missing, truncated or corrupt. */
public final class TableFileException extends ProxyException {
  private static final long serialVersionUID = 1L;

  public TableFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
