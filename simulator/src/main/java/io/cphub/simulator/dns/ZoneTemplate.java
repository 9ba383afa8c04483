package io.cphub.simulator.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a new zone the way cPanel's {@code standard} template plus its service subdomains do:
 * SOA, NS, apex A (and AAAA), {@code MX 0 <domain>}, {@code mail}/{@code www}/{@code ftp} CNAMEs,
 * A (and AAAA) records for cpanel, webmail, webdisk, cpcalendars, cpcontacts, autoconfig and
 * autodiscover at the account IP, {@code _autodiscover._tcp} SRV {@code 0 0 443 <autodiscover_host>.},
 * the CalDAV/CardDAV SRV and TXT records. Stateless.
 */
public final class ZoneTemplate {
  static final List<String> SERVICE_LABELS =
      List.of("cpanel", "webmail", "webdisk", "cpcalendars", "cpcontacts", "autoconfig", "autodiscover");

  private ZoneTemplate() {}

  /** The lines of a new zone for {@code domain} (ASCII/punycode); {@code ipv6} may be null. */
  public static List<ZoneLine> lines(String domain, String ipv4, String ipv6, String autodiscoverHost, long serial) {
    String apex = domain + ".";
    List<ZoneLine> l = new ArrayList<>();
    l.add(ZoneLine.comment("; cPanel first:11.120.0.16 (update_time):1764547200 Cpanel::ZoneFile::VERSION:1.3"));
    l.add(ZoneLine.control("$TTL 14400"));
    l.add(ZoneLine.record(apex, 86400, "SOA", "ns1.hoster.test.", "hostmaster.hoster.test.", Long.toString(serial),
        "3600", "1800", "1209600", "86400"));
    l.add(ZoneLine.record(apex, 86400, "NS", "ns1.hoster.test."));
    l.add(ZoneLine.record(apex, 86400, "NS", "ns2.hoster.test."));
    l.add(ZoneLine.record(apex, 14400, "A", ipv4));
    if (ipv6 != null) {
      l.add(ZoneLine.record(apex, 14400, "AAAA", ipv6));
    }
    l.add(ZoneLine.record(apex, 14400, "MX", "0", apex));
    l.add(ZoneLine.record("mail", 14400, "CNAME", apex));
    l.add(ZoneLine.record("www", 14400, "CNAME", apex));
    l.add(ZoneLine.record("ftp", 14400, "CNAME", apex));
    for (String label : SERVICE_LABELS) {
      l.add(ZoneLine.record(label, 14400, "A", ipv4));
      if (ipv6 != null) {
        l.add(ZoneLine.record(label, 14400, "AAAA", ipv6));
      }
    }
    l.add(ZoneLine.record("_autodiscover._tcp", 14400, "SRV", "0", "0", "443", autodiscoverHost + "."));
    for (String svc : List.of("_caldav._tcp", "_carddav._tcp")) {
      l.add(ZoneLine.record(svc, 14400, "SRV", "0", "0", "2079", apex));
      l.add(ZoneLine.record(svc, 14400, "TXT", "path=/"));
    }
    for (String svc : List.of("_caldavs._tcp", "_carddavs._tcp")) {
      l.add(ZoneLine.record(svc, 14400, "SRV", "0", "0", "2080", apex));
      l.add(ZoneLine.record(svc, 14400, "TXT", "path=/"));
    }
    return l;
  }
}
