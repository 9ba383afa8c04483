package io.cphub.agent.spool;

import io.cphub.agent.AgentException;

/** The spool directory cannot be read or changed. */
public final class SpoolException extends AgentException {
  private static final long serialVersionUID = 1L;

  public SpoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
