package io.cphub.simulator.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a synthetic state: per server, {@code accounts} accounts with about
 * {@code domainsPerAccount} domains each (main, parked, addon, sub and one wildcard in turn).
 * Deterministic: the same arguments give the same state.
 */
public final class StateGenerator {
  private StateGenerator() {}

  public static StateFile generate(int servers, int accounts, int domainsPerAccount, String token) {
    if (servers < 1 || accounts < 0 || domainsPerAccount < 1) {
      throw new IllegalArgumentException("need servers >= 1, accounts >= 0, domainsPerAccount >= 1");
    }
    List<ServerSpec> list = new ArrayList<>();
    for (int s = 1; s <= servers; s++) {
      String server = String.format("s%03d.hoster.test", s);
      List<SimAccount> accts = new ArrayList<>();
      for (int a = 1; a <= accounts; a++) {
        accts.add(account(s, a, domainsPerAccount));
      }
      list.add(new ServerSpec(server, "root", token, accts));
    }
    return new StateFile(list);
  }

  static SimAccount account(int server, int index, int domainsPerAccount) {
    String user = String.format("u%02d%05d", server, index);
    String main = user + ".example";
    List<SimDomain> domains = new ArrayList<>();
    for (int d = 1; d < domainsPerAccount; d++) {
      switch (d % 4) {
        case 1 -> domains.add(new SimDomain(user + "-p" + d + ".example", "parked"));
        case 2 -> domains.add(new SimDomain(user + "-a" + d + ".example", "addon"));
        case 3 -> domains.add(new SimDomain("sub" + d + "." + main, "sub"));
        default -> domains.add(new SimDomain(d == 4 ? "*." + main : "m" + d + "." + main, "sub"));
      }
    }
    String owner = index % 10 == 0 ? "reseller1" : "root";
    boolean suspended = index % 50 == 0;
    return new SimAccount(user, main, owner, suspended, suspended && index % 100 == 0 ? null : (suspended ? "billing" : null),
        suspended ? 1_700_000_000L + index : null, domains);
  }
}
