package io.cphub.simulator.state;

import io.cphub.simulator.SimulatorException;
import java.util.List;
import java.util.Locale;

/**
 * One simulated cPanel account: its main domain, owner, suspension and other domains. Immutable;
 * changes produce a new value. {@code suspendReason} null while suspended becomes WHM's
 * {@code *unknown*}; {@code suspendTime} is epoch seconds or null.
 */
public record SimAccount(
    String user, String domain, String owner, Boolean suspended, String suspendReason, Long suspendTime,
    List<SimDomain> domains) {

  public SimAccount {
    if (user == null || user.isBlank()) {
      throw new SimulatorException("account user is missing");
    }
    if (domain == null || domain.isBlank()) {
      throw new SimulatorException("account " + user + " has no main domain");
    }
    owner = owner == null ? "root" : owner;
    suspended = suspended != null && suspended;
    domains = domains == null ? List.of() : List.copyOf(domains);
  }

  public static SimAccount of(String user, String domain) {
    return new SimAccount(user, domain, "root", false, null, null, List.of());
  }

  public SimAccount withDomain(SimDomain d) {
    if (hasDomain(d.domain())) {
      throw new SimulatorException("account " + user + " already has domain " + d.domain());
    }
    List<SimDomain> list = new java.util.ArrayList<>(domains);
    list.add(d);
    return new SimAccount(user, domain, owner, suspended, suspendReason, suspendTime, list);
  }

  public SimAccount withoutDomain(String name) {
    List<SimDomain> list = domains.stream().filter(d -> !same(d.domain(), name)).toList();
    if (list.size() == domains.size()) {
      throw new SimulatorException("account " + user + " has no domain " + name);
    }
    return new SimAccount(user, domain, owner, suspended, suspendReason, suspendTime, list);
  }

  public SimAccount withSuspension(boolean on, String reason, Long time) {
    return new SimAccount(user, domain, owner, on, on ? reason : null, on ? time : null, domains);
  }

  public SimAccount withUser(String newUser) {
    return new SimAccount(newUser, domain, owner, suspended, suspendReason, suspendTime, domains);
  }

  public boolean hasDomain(String name) {
    return same(domain, name) || domains.stream().anyMatch(d -> same(d.domain(), name));
  }

  /** The hidden subdomain cPanel creates to back an addon domain: {@code shopcom.main.com}. */
  public String backingSubdomain(String addon) {
    return addon.toLowerCase(Locale.ROOT).replace(".", "") + "." + domain.toLowerCase(Locale.ROOT);
  }

  private static boolean same(String a, String b) {
    return a.equalsIgnoreCase(b);
  }
}
