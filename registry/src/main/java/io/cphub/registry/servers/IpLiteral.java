package io.cphub.registry.servers;

import io.cphub.model.Printable;
import io.cphub.registry.InvalidInputException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A backend address: nginx needs an IP literal in {@code Auth-Server}, so host names are refused
 * (and never resolved). Returns the canonical text form. Stateless.
 */
public final class IpLiteral {
  private static final Pattern V4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern V6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private IpLiteral() {}

  public static String parse(String raw, String where) {
    String s = raw == null ? "" : raw.strip();
    if (V4.matcher(s).matches()) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw invalid(raw, where);
        }
      }
      return s;
    }
    if (s.indexOf(':') >= 0 && V6_CHARS.matcher(s).matches()) {
      try {
        InetAddress a = InetAddress.getByName(s);
        if (a instanceof Inet6Address) {
          return a.getHostAddress();
        }
      } catch (UnknownHostException e) {
        throw invalid(raw, where);
      }
    }
    throw invalid(raw, where);
  }

  /** True when two literals name the same address. */
  public static boolean same(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static InvalidInputException invalid(String raw, String where) {
    return new InvalidInputException("invalid_address",
        where + ": must be an IPv4 or IPv6 address literal (nginx needs an IP), was " + Printable.of(raw));
  }
}
