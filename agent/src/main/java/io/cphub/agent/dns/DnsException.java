package io.cphub.agent.dns;

import io.cphub.agent.AgentException;

/** A zone could not be read or saved; {@code stale} when the serial moved between read and edit. */
public class DnsException extends AgentException {
  private static final long serialVersionUID = 1L;
  private final boolean stale;

  public DnsException(String message, boolean stale) {
    super(message);
    this.stale = stale;
  }

  public boolean stale() {
    return stale;
  }
}
