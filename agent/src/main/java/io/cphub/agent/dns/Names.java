package io.cphub.agent.dns;

import java.net.IDN;
import java.util.Locale;

/** DNS name helpers: host name check, IDN to ASCII, absolute names of zone records. Stateless. */
final class Names {
  private Names() {}

  static boolean isHostname(String s) {
    return s.length() <= 253
        && s.matches("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
  }

  /** The zone name as WHM knows it: lower-case ASCII (punycode for an IDN), no trailing dot. */
  static String zone(String domain) {
    String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    String ascii = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    if (!isHostname(ascii)) {
      throw new IllegalArgumentException("'" + domain + "' is not a valid domain name");
    }
    return ascii;
  }

  /** The absolute lower-case name (no trailing dot) of a record's {@code dname} in {@code zone}. */
  static String absolute(String dname, String zone) {
    String n = dname.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      return n.substring(0, n.length() - 1);
    }
    return n.equals("@") ? zone : n + "." + zone;
  }
}
