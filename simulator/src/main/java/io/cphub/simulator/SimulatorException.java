package io.cphub.simulator;

/** Base of every exception the simulator throws: bad state file, bad admin request, I/O failure. */
public class SimulatorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulatorException(String message) {
    super(message);
  }

  public SimulatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
