package io.cphub.proxy.auth;

import io.cphub.proxy.config.ConfigException;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/** A list of CIDR blocks (IPv4 and IPv6) and a membership test. Immutable and thread-safe. */
public final class TrustedNetworks {
  private final List<byte[]> networks;
  private final int[] prefixes;

  private TrustedNetworks(List<byte[]> networks, int[] prefixes) {
    this.networks = networks;
    this.prefixes = prefixes;
  }

  /** Parses entries like {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a single address. */
  public static TrustedNetworks parse(List<String> cidrs) {
    List<byte[]> nets = new ArrayList<>();
    int[] prefixes = new int[cidrs.size()];
    for (int i = 0; i < cidrs.size(); i++) {
      String c = cidrs.get(i);
      int slash = c.indexOf('/');
      String addr = slash < 0 ? c : c.substring(0, slash);
      byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addr);
      if (bytes == null) {
        throw new ConfigException("auth.trusted-networks: '" + c + "' is not an IP address or CIDR block");
      }
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(c.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
      }
      if (prefix < 0 || prefix > bits) {
        throw new ConfigException("auth.trusted-networks: bad prefix length in '" + c + "'");
      }
      nets.add(bytes);
      prefixes[i] = prefix;
    }
    return new TrustedNetworks(List.copyOf(nets), prefixes);
  }

  /** True when {@code ip} (an IP literal) lies in one of the networks. */
  public boolean contains(String ip) {
    if (networks.isEmpty()) {
      return false;
    }
    byte[] a = NetUtil.createByteArrayFromIpAddressString(ip);
    if (a == null) {
      return false;
    }
    for (int i = 0; i < networks.size(); i++) {
      if (matches(networks.get(i), prefixes[i], a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(byte[] net, int prefix, byte[] a) {
    if (net.length != a.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (net[i] != a[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (net[full] & mask) == (a[full] & mask);
  }
}
