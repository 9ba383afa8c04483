package io.cphub.agent.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plans one zone. For {@code autoconfig} and {@code autodiscover}: when every record at the name is
 * an A at the account IP or an AAAA at the account's IPv6 (what cPanel writes), the first becomes
 * {@code CNAME <target>.} and the rest go; anything else (another address, a CNAME elsewhere, other
 * types at the name) is a customer's and is skipped. For {@code _autodiscover._tcp}: an SRV
 * {@code 0 0 443 <host>.} whose host cPanel wrote (the current or default {@code autodiscover_host})
 * gets the target. With {@code addresses} (e.g. {@code dns.addresses=192.0.2.10,2001:db8::10}) the
 * names get A/AAAA records to those addresses instead of the CNAME: cPanel's lines are edited in
 * place, surplus ones removed, missing ones added; a name that holds exactly those records (or a
 * CNAME to the target, which is replaced) counts as ours, not as customised. The SRV target stays
 * the host name either way (an SRV names a host). No other record is ever touched. Stateless.
 */
public final class ZonePlanner {
  static final List<String> LABELS = List.of("autoconfig", "autodiscover");
  static final String SRV = "_autodiscover._tcp";
  /** cPanel's default {@code autodiscover_host}. */
  static final String DEFAULT_SRV_HOST = "cpanelemaildiscovery.cpanel.net";

  private final String target;
  private final Set<String> cpanelSrvHosts;
  private final List<Address> addresses;

  /** {@code cpanelSrvHosts}: SRV targets cPanel writes (current and default autodiscover_host). */
  public ZonePlanner(String target, Set<String> cpanelSrvHosts) {
    this(target, cpanelSrvHosts, List.of());
  }

  /** As above; {@code addresses} non-empty: A/AAAA records to them instead of the CNAME. */
  public ZonePlanner(String target, Set<String> cpanelSrvHosts, List<String> addresses) {
    this.addresses = addresses.stream().map(Address::parse).toList();
    this.target = target.toLowerCase(java.util.Locale.ROOT) + ".";
    this.cpanelSrvHosts = Set.copyOf(cpanelSrvHosts.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)
        .replaceAll("\\.$", "") + ".").toList());
  }

  public ZonePlan plan(ZoneSnapshot z, ServerZone account) {
    List<Change> changes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> done = new ArrayList<>();
    String ipv6 = account.ipv6() != null ? account.ipv6() : apexAaaa(z);
    for (String label : LABELS) {
      String name = label + "." + z.zone();
      List<ZoneRecord> rs = z.at(name);
      if (rs.isEmpty()) {
        skipped.add(name + ": no record (cPanel did not create one)");
      } else if (!addresses.isEmpty()) {
        addresses(name, rs, account.ipv4(), ipv6, changes, skipped, done);
      } else if (rs.size() == 1 && rs.get(0).type().equals("CNAME") && rs.get(0).value().equalsIgnoreCase(target)) {
        done.add(name);
      } else {
        ZoneRecord custom = rs.stream().filter(r -> !cpanelAddress(r, account.ipv4(), ipv6)).findFirst().orElse(null);
        if (custom != null) {
          skipped.add(name + ": customised " + custom.type() + " " + custom.value() + " (cPanel would write "
              + (custom.type().equals("AAAA") ? ipv6 : account.ipv4()) + ")");
        } else {
          changes.add(new Change("edit", rs.get(0), rs.get(0).retyped("CNAME", target)));
          rs.stream().skip(1).forEach(r -> changes.add(new Change("remove", r, null)));
        }
      }
    }
    srv(z, changes, skipped, done);
    return new ZonePlan(z.zone(), z.serial(), changes, skipped, done);
  }

  /** The A/AAAA form: {@code rs} becomes one record per configured address. */
  private void addresses(String name, List<ZoneRecord> rs, String ipv4, String ipv6, List<Change> changes,
      List<String> skipped, List<String> done) {
    ZoneRecord custom = rs.stream().filter(r -> !cpanelAddress(r, ipv4, ipv6) && !ours(r)).findFirst().orElse(null);
    if (custom != null) {
      skipped.add(name + ": customised " + custom.type() + " " + custom.value());
      return;
    }
    List<Address> missing = new ArrayList<>(addresses);
    List<ZoneRecord> spare = new ArrayList<>();
    for (ZoneRecord r : rs) {
      Address a = missing.stream().filter(m -> m.matches(r)).findFirst().orElse(null);
      if (a != null) {
        missing.remove(a);
      } else {
        spare.add(r);
      }
    }
    if (missing.isEmpty() && spare.isEmpty()) {
      done.add(name);
      return;
    }
    ZoneRecord first = rs.get(0);
    List<Change> edits = new ArrayList<>();
    List<Change> rest = new ArrayList<>();
    for (ZoneRecord r : spare) {
      if (!missing.isEmpty()) {
        Address a = missing.remove(0);
        (r.type().equals("CNAME") ? edits : rest).add(new Change("edit", r, r.retyped(a.type(), a.text())));
      } else {
        rest.add(new Change("remove", r, null));
      }
    }
    for (Address a : missing) {
      rest.add(new Change("add", null, new ZoneRecord(-1, first.dname(), first.ttl(), a.type(), List.of(a.text()))));
    }
    changes.addAll(edits);
    changes.addAll(rest);
  }

  /** A record this planner writes: the CNAME to the target, or an A/AAAA to a configured address. */
  private boolean ours(ZoneRecord r) {
    return r.type().equals("CNAME") && r.value().equalsIgnoreCase(target)
        || addresses.stream().anyMatch(a -> a.matches(r));
  }

  private void srv(ZoneSnapshot z, List<Change> changes, List<String> skipped, List<String> done) {
    String name = SRV + "." + z.zone();
    List<ZoneRecord> rs = z.at(name).stream().filter(r -> r.type().equals("SRV")).toList();
    if (rs.isEmpty()) {
      skipped.add(name + ": no SRV record");
    }
    for (ZoneRecord r : rs) {
      String host = r.data().size() == 4 ? r.data().get(3).toLowerCase(java.util.Locale.ROOT) : "";
      if (host.equals(target)) {
        done.add(name);
      } else if (r.ascii() && r.data().size() == 4 && r.data().subList(0, 3).equals(List.of("0", "0", "443"))
          && cpanelSrvHosts.contains(host)) {
        changes.add(new Change("edit", r, r.retyped("SRV", "0", "0", "443", target)));
      } else {
        skipped.add(name + ": customised SRV " + r.value());
      }
    }
  }

  private static boolean cpanelAddress(ZoneRecord r, String ipv4, String ipv6) {
    if (!r.ascii() || r.data().size() != 1) {
      return false;
    }
    return (r.type().equals("A") && r.value().equals(ipv4))
        || (r.type().equals("AAAA") && ipv6 != null && r.value().equalsIgnoreCase(ipv6));
  }

  private static String apexAaaa(ZoneSnapshot z) {
    return z.at(z.zone()).stream().filter(r -> r.type().equals("AAAA")).map(ZoneRecord::value).findFirst().orElse(null);
  }
}
