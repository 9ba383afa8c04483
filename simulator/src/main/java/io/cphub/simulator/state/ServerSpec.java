package io.cphub.simulator.state;

import io.cphub.simulator.SimulatorException;
import java.util.List;

/**
 * One simulated server in the state file: its name, the WHM credentials it accepts, its accounts,
 * and optionally {@code doveadm}, the command (program and leading arguments, e.g. {@code
 * ["doveadm", "-c", "/path/dovecot.conf"]}) its {@code terminate_cpuser_mailbox_sessions} runs
 * {@code kick} with against a real Dovecot; null or empty: kicks are only recorded.
 */
public record ServerSpec(String name, String whmUser, String whmToken, List<SimAccount> accounts,
    List<String> doveadm) {
  public ServerSpec(String name, String whmUser, String whmToken, List<SimAccount> accounts) {
    this(name, whmUser, whmToken, accounts, null);
  }

  public ServerSpec {
    if (name == null || name.isBlank()) {
      throw new SimulatorException("server name is missing");
    }
    if (whmToken == null || whmToken.isBlank()) {
      throw new SimulatorException("server " + name + " has no whmToken");
    }
    whmUser = whmUser == null ? "root" : whmUser;
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    doveadm = doveadm == null ? List.of() : List.copyOf(doveadm);
  }
}
