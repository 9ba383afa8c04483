package io.cphub.simulator.dns;

import java.util.Collection;
import java.util.List;

/**
 * The background tasks cPanel queues when DNS-related Tweak Settings change, run synchronously:
 * {@code update_autodiscover_proxy_subdomains} (rewrites {@code _autodiscover._tcp} SRV records
 * that still hold a value cPanel wrote, or all with {@code overwritecustomsrvrecords=1}) and
 * {@code add_proxy_subdomains} (re-creates missing service records; with
 * {@code overwritecustomproxysubdomains=1} resets autoconfig/autodiscover to {@code A <ip>}, even
 * over a CNAME). Stateless apart from the settings it reads; called under {@link DnsStore}'s lock.
 */
final class CpanelTasks {
  private static final List<String> AUTO_LABELS = List.of("autoconfig", "autodiscover");
  private final TweakSettings tweaks;

  CpanelTasks(TweakSettings tweaks) {
    this.tweaks = tweaks;
  }

  void updateAutodiscoverSrv(Collection<Zone> zones, String previousHost) {
    String host = tweaks.get("autodiscover_host") + ".";
    boolean overwrite = tweaks.on("overwritecustomsrvrecords");
    List<String> known = List.of("0 0 443 " + previousHost + ".", "0 0 443 " + TweakSettings.DEFAULT_AUTODISCOVER_HOST + ".",
        "0 0 443 " + host);
    for (Zone z : zones) {
      List<ZoneLine> lines = z.lines();
      for (int i = 0; i < lines.size(); i++) {
        ZoneLine l = lines.get(i);
        if (l != null && l.isRecord() && "SRV".equals(l.type()) && "_autodiscover._tcp".equals(l.dname())
            && (overwrite || known.contains(String.join(" ", l.data()))) && !l.data().get(3).equals(host)) {
          z.put(i, l.withData(l.data().get(0), l.data().get(1), l.data().get(2), host));
        }
      }
    }
  }

  void addProxySubdomains(Collection<Zone> zones, String ip) {
    if (!tweaks.on("proxysubdomains") || !tweaks.on("autodiscover_proxy_subdomains")) {
      return;
    }
    boolean overwrite = tweaks.on("overwritecustomproxysubdomains");
    for (Zone z : zones) {
      for (String label : AUTO_LABELS) {
        List<ZoneLine> lines = z.lines();
        boolean present = false;
        for (int i = 0; i < lines.size(); i++) {
          ZoneLine l = lines.get(i);
          if (l == null || !l.isRecord() || !label.equals(l.dname())) {
            continue;
          }
          present = true;
          if (overwrite && ("CNAME".equals(l.type()) || "A".equals(l.type())) && !(l.type().equals("A")
              && l.data().get(0).equals(ip))) {
            z.put(i, new ZoneLine("record", null, label, l.ttl(), "A", List.of(ip)));
          }
        }
        if (!present) {
          z.put(lines.size(), ZoneLine.record(label, 14400, "A", ip));
        }
      }
    }
  }
}
