package io.cphub.proxy.autoconfig;

/** Base of the unchecked exceptions thrown by autoconfiguration: bad config, unusable key, bind failure. */
public class AutoconfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AutoconfigException(String message) {
    super(message);
  }

  public AutoconfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
