package io.cphub.agent.dns;

import io.cphub.agent.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * One {@code dns.addresses} entry: an IPv4 or IPv6 literal (never a name: nothing is looked up),
 * written as an A or AAAA record, compared with zone records by address, not text
 * ({@code 2001:db8::10} equals {@code 2001:0db8:0:0:0:0:0:10}). Immutable.
 */
record Address(String type, String text, InetAddress address) {
  static Address parse(String s) {
    String v = s.strip();
    if (!v.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new ConfigException("config key 'dns.addresses': not an IP address: " + io.cphub.model.Printable.of(s));
    }
    try {
      InetAddress a = InetAddress.getByName(v);
      boolean v6 = a instanceof java.net.Inet6Address;
      if (!v6 && !v.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        throw new ConfigException("config key 'dns.addresses': not a dotted IPv4 address: " + v);
      }
      return new Address(v6 ? "AAAA" : "A", v6 ? v.toLowerCase(java.util.Locale.ROOT) : v, a);
    } catch (UnknownHostException e) {
      throw new ConfigException("config key 'dns.addresses': not an IP address: " + io.cphub.model.Printable.of(s));
    }
  }

  static List<Address> parseAll(List<String> values) {
    return values.stream().map(Address::parse).toList();
  }

  boolean matches(ZoneRecord r) {
    if (!r.type().equals(type) || r.data().size() != 1) {
      return false;
    }
    try {
      String v = r.data().get(0);
      return v.matches("[0-9a-fA-F:.]+") && InetAddress.getByName(v).equals(address);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
