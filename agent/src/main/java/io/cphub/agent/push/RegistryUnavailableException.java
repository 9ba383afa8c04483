package io.cphub.agent.push;

import io.cphub.agent.AgentException;

/** The registry could not be reached, timed out, or answered 5xx/429: retry with backoff. */
public final class RegistryUnavailableException extends AgentException {
  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
