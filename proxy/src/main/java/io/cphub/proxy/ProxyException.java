package io.cphub.proxy;

/** Base of every exception the proxy module throws. */
public class ProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProxyException(String message) {
    super(message);
  }

  public ProxyException(String message, Throwable cause) {
    super(message, cause);
  }
}
