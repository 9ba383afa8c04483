package io.cphub.simulator.state;

import io.cphub.simulator.SimulatorException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The accounts of one simulated server. Thread-safe: every method is synchronized and readers get
 * immutable copies, so an answer is always built from one consistent state.
 */
public final class ServerState {
  private final TreeMap<String, SimAccount> accounts = new TreeMap<>();

  public ServerState(List<SimAccount> initial) {
    for (SimAccount a : initial) {
      add(a);
    }
  }

  public synchronized List<SimAccount> accounts() {
    return List.copyOf(accounts.values());
  }

  public synchronized Optional<SimAccount> find(String user) {
    return Optional.ofNullable(accounts.get(key(user)));
  }

  public synchronized int size() {
    return accounts.size();
  }

  public synchronized void add(SimAccount account) {
    if (accounts.containsKey(key(account.user()))) {
      throw new SimulatorException("account " + account.user() + " already exists");
    }
    for (SimAccount other : accounts.values()) {
      if (other.hasDomain(account.domain())
          || account.domains().stream().anyMatch(d -> other.hasDomain(d.domain()))) {
        throw new SimulatorException("account " + account.user() + " claims a domain of " + other.user());
      }
    }
    accounts.put(key(account.user()), account);
  }

  public synchronized SimAccount remove(String user) {
    SimAccount gone = accounts.remove(key(user));
    if (gone == null) {
      throw new SimulatorException("no account " + user);
    }
    return gone;
  }

  /** Replaces an account by {@code change(account)}; the new value may carry a new user name. */
  public synchronized SimAccount update(String user, UnaryOperator<SimAccount> change) {
    SimAccount old = accounts.get(key(user));
    if (old == null) {
      throw new SimulatorException("no account " + user);
    }
    SimAccount updated = change.apply(old);
    if (!key(updated.user()).equals(key(user)) && accounts.containsKey(key(updated.user()))) {
      throw new SimulatorException("account " + updated.user() + " already exists");
    }
    accounts.remove(key(user));
    accounts.put(key(updated.user()), updated);
    return updated;
  }

  /** Adds a domain, refusing one that any account on this server already has. */
  public synchronized SimAccount addDomain(String user, SimDomain domain) {
    for (SimAccount other : accounts.values()) {
      if (other.hasDomain(domain.domain())) {
        throw new SimulatorException("domain " + domain.domain() + " already belongs to " + other.user());
      }
    }
    return update(user, a -> a.withDomain(domain));
  }

  private static String key(String user) {
    return user.toLowerCase(Locale.ROOT);
  }
}
