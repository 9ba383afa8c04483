package io.cphub.registry.config;

import io.cphub.registry.RegistryException;

/** A configuration key with a bad value, an unknown key, or an unreadable file; names the key. */
public final class ConfigException extends RegistryException {
  private static final long serialVersionUID = 1L;

  ConfigException(String key, String problem) {
    super("config key '" + key + "': " + problem);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
