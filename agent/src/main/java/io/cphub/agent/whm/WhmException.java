package io.cphub.agent.whm;

import io.cphub.agent.AgentException;

/**
 * WHM could not be read: transport error, timeout, non-200, malformed JSON, a missing envelope,
 * {@code metadata.result: 0}, or an answer too empty to trust. Never a reason to delete anything.
 */
public class WhmException extends AgentException {
  private static final long serialVersionUID = 1L;

  public WhmException(String message) {
    super(message);
  }

  public WhmException(String message, Throwable cause) {
    super(message, cause);
  }
}
