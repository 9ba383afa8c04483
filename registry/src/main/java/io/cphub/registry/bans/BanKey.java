package io.cphub.registry.bans;

import io.cphub.model.InvalidNameException;
import io.cphub.model.Login;
import io.cphub.model.Printable;
import io.cphub.registry.InvalidInputException;
import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.Locale;

/**
 * The canonical key of a ban target, in the form the proxies' abuse guard stores and the proxy's
 * {@code bans lift} looks up: an IP address in RFC 5952 text (IPv4-mapped IPv6 as IPv4), a network
 * of one of the ban prefixes (/24 and /16 for IPv4; /64, /48 and /32 for IPv6) with the host bits
 * cleared, or the normalised login the guard protects (local part lower-cased, domain
 * normalised). Parsed without any DNS lookup. Stateless.
 */
final class BanKey {
  static final String IP = "ip";
  static final String NET = "net";
  static final String ACCOUNT = "account";
  private static final int[] V4 = {24, 16};
  private static final int[] V6 = {64, 48, 32};

  private BanKey() {}

  /** The kind as stored ({@code ip}, {@code net}, {@code account}), else 400. */
  static String kind(String raw) {
    if (IP.equals(raw) || NET.equals(raw) || ACCOUNT.equals(raw)) {
      return raw;
    }
    throw invalid("kind must be ip, net or account, was " + Printable.of(raw));
  }

  /** The canonical key of {@code raw} for {@code kind}, else 400 saying what is wrong. */
  static String canonical(String kind, String raw) {
    switch (kind(kind)) {
      case IP -> {
        byte[] b = bytes(raw);
        if (b == null) {
          throw invalid(Printable.of(raw) + " is not an IP address");
        }
        return NetUtil.bytesToIpAddress(b);
      }
      case NET -> {
        return network(raw);
      }
      default -> {
        try {
          return account(Login.parse(raw));
        } catch (InvalidNameException e) {
          throw invalid(e.getMessage());
        }
      }
    }
  }

  private static String network(String raw) {
    int slash = raw == null ? -1 : raw.indexOf('/');
    byte[] b = slash < 0 ? null : bytes(raw.substring(0, slash));
    String prefix = slash < 0 ? "" : raw.substring(slash + 1);
    for (int p : b == null ? new int[0] : b.length == 4 ? V4 : V6) {
      if (prefix.equals(Integer.toString(p))) {
        byte[] net = Arrays.copyOf(b, b.length);
        Arrays.fill(net, p / 8, net.length, (byte) 0);
        return NetUtil.bytesToIpAddress(net) + "/" + p;
      }
    }
    throw invalid(Printable.of(raw) + " is not a network like 192.0.2.0/24 or 2001:db8:1:2::/64"
        + " (prefixes /24, /16; /64, /48, /32)");
  }

  /** The address bytes (4 or 16) of an IP literal, IPv4-mapped IPv6 as 4 bytes; null if not a literal. */
  private static byte[] bytes(String text) {
    if (text == null || text.isEmpty() || text.length() > 45 || text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
      return null;
    }
    byte[] b = NetUtil.createByteArrayFromIpAddressString(text);
    if (b != null && b.length == 16 && mapped(b)) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    return b;
  }

  private static boolean mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  /** The account key the guard counts a login under (the proxy's {@code GuardHook.account}). */
  private static String account(Login login) {
    if (login instanceof Login.Address x) {
      return x.local().toLowerCase(Locale.ROOT) + '@' + x.domain().name();
    }
    if (login instanceof Login.MailServerUser x) {
      return x.local().toLowerCase(Locale.ROOT) + '@' + x.domain().name();
    }
    return ((Login.Account) login).username().name();
  }

  private static InvalidInputException invalid(String detail) {
    return new InvalidInputException("invalid_ban_key", detail);
  }
}
