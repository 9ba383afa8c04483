package io.cphub.model.config;

import io.cphub.model.ModelException;

/** A configuration file that cannot be read, an unknown key, or a missing or bad value; names the key. */
public final class SettingsException extends ModelException {
  private static final long serialVersionUID = 1L;

  SettingsException(String message) {
    super(message);
  }

  SettingsException(String message, Throwable cause) {
    super(message, cause);
  }

  static SettingsException forKey(String key, String problem) {
    return new SettingsException("config key '" + key + "' " + problem);
  }
}
