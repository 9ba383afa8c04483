package io.cphub.agent.config;

import io.cphub.agent.AgentException;

/** The configuration is unusable; the message names the key. */
public final class ConfigException extends AgentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
