package io.cphub.agent.push;

import io.cphub.agent.AgentException;

/**
 * The registry refused the write with a 4xx (409 = the mass-removal guard): retrying at once
 * would get the same answer, so the loop waits for the next full-sync interval.
 */
public final class RegistryRefusedException extends AgentException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String error;

  public RegistryRefusedException(String message, int status, String error) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }
}
