package io.cphub.proxy.config;

import io.cphub.proxy.ProxyException;

/** A configuration value is missing, unknown or invalid; the message names the exact key. */
public final class ConfigException extends ProxyException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
