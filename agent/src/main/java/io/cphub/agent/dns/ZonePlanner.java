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
 * gets the target. No other record is ever touched. Stateless.
 */
public final class ZonePlanner {
  static final List<String> LABELS = List.of("autoconfig", "autodiscover");
  static final String SRV = "_autodiscover._tcp";
  /** cPanel's default {@code autodiscover_host}. */
  static final String DEFAULT_SRV_HOST = "cpanelemaildiscovery.cpanel.net";

  private final String target;
  private final Set<String> cpanelSrvHosts;

  /** {@code cpanelSrvHosts}: SRV targets cPanel writes (current and default autodiscover_host). */
  public ZonePlanner(String target, Set<String> cpanelSrvHosts) {
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
