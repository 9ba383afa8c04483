package io.cphub.simulator.state;

import io.cphub.simulator.SimulatorException;
import java.util.List;

/** One simulated server in the state file: its name, the WHM credentials it accepts, its accounts. */
public record ServerSpec(String name, String whmUser, String whmToken, List<SimAccount> accounts) {
  public ServerSpec {
    if (name == null || name.isBlank()) {
      throw new SimulatorException("server name is missing");
    }
    if (whmToken == null || whmToken.isBlank()) {
      throw new SimulatorException("server " + name + " has no whmToken");
    }
    whmUser = whmUser == null ? "root" : whmUser;
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
  }
}
