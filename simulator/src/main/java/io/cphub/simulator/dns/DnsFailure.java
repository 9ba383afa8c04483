package io.cphub.simulator.dns;

import io.cphub.simulator.SimulatorException;

/** A zone save that WHM refuses with a typed payload: {@code Stale} (serial) or a DNS cluster failure. */
public final class DnsFailure extends SimulatorException {
  private static final long serialVersionUID = 1L;
  private final String type;

  DnsFailure(String type, String message) {
    super(message);
    this.type = type;
  }

  /** {@code Stale} or {@code ClusterFailure}. */
  public String type() {
    return type;
  }
}
