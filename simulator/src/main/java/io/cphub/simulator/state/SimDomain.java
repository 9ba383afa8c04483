package io.cphub.simulator.state;

import io.cphub.simulator.SimulatorException;
import java.util.Set;

/**
 * One non-main domain of a simulated account. {@code type} is {@code addon}, {@code parked} or
 * {@code sub}; a wildcard subdomain is a {@code sub} named {@code *.example.com}. Names are stored
 * as given, so tests can feed the agent mixed case or trailing dots.
 */
public record SimDomain(String domain, String type) {
  static final Set<String> TYPES = Set.of("addon", "parked", "sub");

  public SimDomain {
    if (domain == null || domain.isBlank()) {
      throw new SimulatorException("domain is missing");
    }
    if (!TYPES.contains(type)) {
      throw new SimulatorException("domain type must be addon, parked or sub, was '" + type + "' for " + domain);
    }
  }
}
