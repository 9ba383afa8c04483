package io.cphub.simulator;

import io.cphub.simulator.dns.DnsStore;
import io.cphub.simulator.hook.HookEvents;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.ServerState;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.whm.Fault;
import io.cphub.simulator.whm.WhmApi;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated cPanel server: its state, its WHM API, its current fault, and the operations a
 * panel user performs ("create account", "park domain", ...), each firing the hook events cPanel
 * fires. Thread-safe; hook delivery happens after the state changed, as with cPanel's post hooks.
 */
public final class SimulatedServer {
  private final String name;
  private final String whmUser;
  private final String whmToken;
  private final ServerState state;
  private final WhmApi api;
  private final java.util.List<String> doveadm;
  private final DnsStore zones = new DnsStore();
  private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
  private volatile HookSink hooks = HookSink.NONE;

  public SimulatedServer(ServerSpec spec) {
    this.name = spec.name();
    this.whmUser = spec.whmUser();
    this.whmToken = spec.whmToken();
    this.state = new ServerState(spec.accounts());
    this.doveadm = spec.doveadm();
    this.api = new WhmApi(state, whmUser, whmToken, fault::get, zones,
        new io.cphub.simulator.whm.MailboxSessions(state, spec.doveadm()));
  }

  public String name() {
    return name;
  }

  public ServerState state() {
    return state;
  }

  /** The server's DNS zones and Tweak Settings (zones of current domains exist once synced). */
  public DnsStore zones() {
    zones.sync(state.accounts());
    return zones;
  }

  public WhmApi api() {
    return api;
  }

  public ServerSpec spec() {
    return new ServerSpec(name, whmUser, whmToken, state.accounts(), doveadm);
  }

  public void hooks(HookSink sink) {
    this.hooks = sink;
  }

  public void fault(Fault f) {
    fault.set(f);
  }

  public Fault fault() {
    return fault.get();
  }

  public void createAccount(SimAccount account, boolean restore) {
    state.add(account);
    hooks.deliver(HookEvents.accountCreate(account.user(), account.domain(), account.owner(), restore));
    if (restore) {
      hooks.deliver(HookEvents.pkgacctRestore(account.user()));
    }
  }

  public void removeAccount(String user) {
    SimAccount a = state.find(user).orElseThrow(() -> new SimulatorException("no account " + user + " on " + name));
    hooks.deliver(HookEvents.accountRemove(a.user(), "pre"));
    state.remove(user);
    hooks.deliver(HookEvents.accountRemove(a.user(), "post"));
  }

  /** Adds a parked domain, a subdomain or an addon (backing subdomain + park, as cPanel does). */
  public void addDomain(String user, SimDomain domain) {
    SimAccount a = state.addDomain(user, domain);
    switch (domain.type()) {
      case "parked" -> hooks.deliver(HookEvents.park(a.user(), a.domain(), domain.domain()));
      case "sub" -> hooks.deliver(HookEvents.subdomain(a.user(), domain.domain(), a.domain(), true));
      default -> {
        String backing = a.backingSubdomain(domain.domain());
        hooks.deliver(HookEvents.subdomain(a.user(), backing, a.domain(), true));
        hooks.deliver(HookEvents.park(a.user(), backing, domain.domain()));
      }
    }
  }

  public void removeDomain(String user, String domain) {
    SimAccount before = state.find(user).orElseThrow(() -> new SimulatorException("no account " + user + " on " + name));
    SimDomain d = before.domains().stream().filter(x -> x.domain().equalsIgnoreCase(domain)).findFirst()
        .orElseThrow(() -> new SimulatorException("account " + user + " has no removable domain " + domain));
    state.update(user, acct -> acct.withoutDomain(domain));
    switch (d.type()) {
      case "parked" -> hooks.deliver(HookEvents.unpark(before.user(), before.domain(), d.domain()));
      case "sub" -> hooks.deliver(HookEvents.subdomain(before.user(), d.domain(), before.domain(), false));
      default -> {
        String backing = before.backingSubdomain(d.domain());
        hooks.deliver(HookEvents.unpark(before.user(), backing, d.domain()));
        hooks.deliver(HookEvents.subdomain(before.user(), backing, before.domain(), false));
      }
    }
  }

  public void suspend(String user, String reason, long epochSeconds) {
    state.update(user, a -> a.withSuspension(true, reason, epochSeconds));
    hooks.deliver(HookEvents.suspension(user, true, reason));
  }

  public void unsuspend(String user) {
    state.update(user, a -> a.withSuspension(false, null, null));
    hooks.deliver(HookEvents.suspension(user, false, null));
  }

  public void rename(String user, String newUser) {
    SimAccount a = state.update(user, acct -> acct.withUser(newUser));
    hooks.deliver(HookEvents.accountModify(user, newUser, a.domain()));
  }
}
