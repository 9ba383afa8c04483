package io.cphub.simulator.whm;

import io.cphub.simulator.SimulatorException;

/**
 * A fault the server injects into its WHM answers. {@code function} limits it to one WHM function
 * (null = every function); {@code delayMs} delays every answer (also with mode {@code none}).
 *
 * <ul>
 *   <li>{@code none}: correct answers;
 *   <li>{@code http500}: HTTP 500 with an HTML body;
 *   <li>{@code truncated}: a correct answer cut in the middle;
 *   <li>{@code empty}: {@code result: 1} with no accounts and no domains;
 *   <li>{@code result0}: HTTP 200 with {@code metadata.result: 0}.
 * </ul>
 */
public record Fault(String mode, long delayMs, String function) {
  public static final Fault NONE = new Fault("none", 0, null);

  public Fault {
    mode = mode == null ? "none" : mode;
    if (!java.util.Set.of("none", "http500", "truncated", "empty", "result0").contains(mode)) {
      throw new SimulatorException("unknown fault mode '" + mode + "' (none, http500, truncated, empty, result0)");
    }
    if (delayMs < 0 || delayMs > 600_000) {
      throw new SimulatorException("fault delayMs must be 0..600000, was " + delayMs);
    }
  }

  boolean appliesTo(String fn) {
    return function == null || function.equals(fn);
  }
}
