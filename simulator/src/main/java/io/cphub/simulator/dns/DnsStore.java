package io.cphub.simulator.dns;

import io.cphub.simulator.SimulatorException;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The zones and Tweak Settings of one simulated server. Every main, addon and parked domain has a
 * zone, created from {@link ZoneTemplate} when first seen and dropped when the domain goes. Faults
 * per zone: a DNS cluster failure on the next N saves, or a concurrent edit (serial bump) right
 * after each of the next N reads. Thread-safe: every method holds the store's lock.
 */
public final class DnsStore {
  public static final String ACCOUNT_IP = "192.0.2.10";
  private static final long FIRST_SERIAL = 2026120101L;

  private final TreeMap<String, Zone> zones = new TreeMap<>();
  private final Map<String, String> ipv6 = new HashMap<>();
  private final Map<String, Integer> clusterFailures = new HashMap<>();
  private final Map<String, Integer> staleReads = new HashMap<>();
  private final TweakSettings tweaks = new TweakSettings();

  /** Creates zones for new domains and drops those of removed ones. */
  public synchronized void sync(List<SimAccount> accounts) {
    TreeSet<String> wanted = new TreeSet<>();
    for (SimAccount a : accounts) {
      wanted.add(key(a.domain()));
      for (SimDomain d : a.domains()) {
        if (!d.type().equals("sub")) {
          wanted.add(key(d.domain()));
        }
      }
    }
    zones.keySet().retainAll(wanted);
    for (String name : wanted) {
      zones.computeIfAbsent(name, n -> new Zone(n,
          ZoneTemplate.lines(n, ACCOUNT_IP, ipv6.get(n), tweaks.get("autodiscover_host"), FIRST_SERIAL)));
    }
  }

  /** Gives the zone of {@code domain}, when next created, AAAA records at {@code address}. */
  public synchronized void ipv6(String domain, String address) {
    ipv6.put(key(domain), address);
    zones.remove(key(domain));
  }

  /** The zone (for tests to customise records), or an error naming it. */
  public synchronized Zone zone(String name) {
    Zone z = zones.get(key(name));
    if (z == null) {
      throw new SimulatorException("No zone named \"" + name + "\" exists on this server.");
    }
    return z;
  }

  public synchronized List<String> names() {
    return List.copyOf(zones.keySet());
  }

  /** The next {@code times} saves of the zone fail as a DNS cluster member would make them fail. */
  public synchronized void failCluster(String zone, int times) {
    clusterFailures.put(key(zone), times);
  }

  /** The next {@code times} reads of the zone are each followed by another writer's save. */
  public synchronized void staleAfterRead(String zone, int times) {
    staleReads.put(key(zone), times);
  }

  /** A consistent copy of the zone's lines (read as {@code parse_dns_zone} does). */
  public synchronized List<ZoneLine> read(String name) {
    Zone z = zone(name);
    List<ZoneLine> copy = z.lines();
    if (take(staleReads, name)) {
      z.bump();
    }
    return copy;
  }

  /** One {@code mass_edit_dns_zone}: serial check, cluster fault, then all ops or none. */
  public synchronized long edit(String name, long serial, List<Zone.Op> ops) {
    Zone z = zone(name);
    if (z.serial() != serial) {
      throw new DnsFailure("Stale", "The zone \"" + z.name() + "\" has changed: you gave the serial " + serial
          + " but the current serial is " + z.serial() + ".");
    }
    if (take(clusterFailures, name)) {
      throw new DnsFailure("ClusterFailure", "dnsadmin: SAVEZONE \"" + z.name() + "\" failed on the cluster member "
          + "dns2.hoster.test: Unable to connect to dns2.hoster.test:2087 (Connection refused)");
    }
    return z.apply(ops);
  }

  public synchronized String tweak(String key) {
    return tweaks.get(key);
  }

  /** Sets a Tweak Setting and runs, at once, the background task cPanel would queue for it. */
  public synchronized void tweak(String key, String value) {
    String old = tweaks.set(key, value);
    if (key.equals("autodiscover_host") && !old.equals(value)) {
      new CpanelTasks(tweaks).updateAutodiscoverSrv(zones.values(), old);
    }
    if ((key.equals("autodiscover_proxy_subdomains") || key.equals("proxysubdomains")) && value.equals("1")) {
      new CpanelTasks(tweaks).addProxySubdomains(zones.values(), ACCOUNT_IP);
    }
  }

  /** What cPanel's {@code /scripts/proxydomains add} does: re-create the service subdomain records. */
  public synchronized void rebuildProxySubdomains() {
    new CpanelTasks(tweaks).addProxySubdomains(zones.values(), ACCOUNT_IP);
  }

  private static boolean take(Map<String, Integer> faults, String zone) {
    Integer left = faults.get(key(zone));
    if (left == null || left == 0) {
      return false;
    }
    faults.put(key(zone), left < 0 ? left : left - 1);
    return true;
  }

  private static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
