package io.cphub.proxy.abuse;

import io.netty.util.NetUtil;
import java.util.Arrays;

/**
 * A client's IP address, parsed without any DNS lookup, with its canonical text (RFC 5952 for
 * IPv6) and the network it is counted in: its /24 (IPv4) or /64 (IPv6), and the wider networks a
 * ban escalates to (/16; /48 and /32). IPv4-mapped IPv6 addresses count as IPv4. Immutable (the
 * wider networks' text is computed on first use; a race computes it twice, harmlessly).
 */
public final class ClientAddress {
  private final byte[] bytes;
  private final String key;
  private final String network;
  private final String[] wider = new String[2];
  private static final int[] V4 = {24, 16};
  private static final int[] V6 = {64, 48, 32};

  private ClientAddress(byte[] bytes) {
    this.bytes = bytes;
    this.key = NetUtil.bytesToIpAddress(bytes);
    this.network = text(bytes, bytes.length == 4 ? 24 : 64);
  }

  private static String text(byte[] bytes, int prefix) {
    byte[] net = Arrays.copyOf(bytes, bytes.length);
    Arrays.fill(net, prefix / 8, net.length, (byte) 0);
    return NetUtil.bytesToIpAddress(net) + "/" + prefix;
  }

  /** The network prefixes a ban escalates through, narrowest first: 24, 16 (IPv4); 64, 48, 32 (IPv6). */
  int[] prefixes() {
    return bytes.length == 4 ? V4 : V6;
  }

  /** Canonical text of the network of one of {@link #prefixes()}, e.g. {@code 2001:db8:1::/48}. */
  String network(int prefix) {
    int[] p = prefixes();
    if (prefix == p[0]) {
      return network;
    }
    for (int i = 1; i < p.length; i++) {
      if (p[i] == prefix) {
        String t = wider[i - 1];
        if (t == null) {
          t = text(bytes, prefix);
          wider[i - 1] = t;
        }
        return t;
      }
    }
    throw new IllegalArgumentException("/" + prefix + " is not a ban network of " + key);
  }

  /** Parses an IPv4 or IPv6 literal; null for anything else (host names, zone ids, garbage). */
  public static ClientAddress parse(String text) {
    byte[] b = bytes(text);
    return b == null ? null : new ClientAddress(b);
  }

  /** The address bytes (4 or 16) of an IP literal, IPv4-mapped IPv6 as 4 bytes; null if not a literal. */
  static byte[] bytes(String text) {
    if (text == null || text.isEmpty() || text.length() > 45 || text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
      return null;
    }
    byte[] b = NetUtil.createByteArrayFromIpAddressString(text);
    if (b == null) {
      return null;
    }
    if (b.length == 16 && isMapped(b)) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    return b;
  }

  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  /** Canonical text of the address, e.g. {@code 192.0.2.7} or {@code 2001:db8::7}. */
  public String key() {
    return key;
  }

  /** Canonical text of its network, e.g. {@code 192.0.2.0/24} or {@code 2001:db8:1:2::/64}. */
  public String network() {
    return network;
  }

  boolean isIpv4() {
    return bytes.length == 4;
  }

  boolean in(byte[] net, int prefix) {
    if (net.length != bytes.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != net[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (bytes[full] & mask) == (net[full] & mask);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientAddress c && Arrays.equals(bytes, c.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return key;
  }
}
