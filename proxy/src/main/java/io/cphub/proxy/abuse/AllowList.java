package io.cphub.proxy.abuse;

import java.util.ArrayList;
import java.util.List;

/**
 * Networks whose clients the guard never delays or bans (internal webmail, monitoring, office
 * gateways the operator vouches for). Parsed once, immutable and thread-safe.
 */
final class AllowList {
  private final List<byte[]> networks;
  private final int[] prefixes;

  private AllowList(List<byte[]> networks, int[] prefixes) {
    this.networks = networks;
    this.prefixes = prefixes;
  }

  /**
   * Parses entries like {@code 10.0.0.0/8}, {@code 2001:db8::/48} or a single address.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  static AllowList parse(List<String> entries) {
    List<byte[]> nets = new ArrayList<>();
    int[] prefixes = new int[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i).strip();
      int slash = e.indexOf('/');
      byte[] b = ClientAddress.bytes(slash < 0 ? e : e.substring(0, slash));
      if (b == null) {
        throw new IllegalArgumentException("'" + e + "' is not an IP address or CIDR block");
      }
      int bits = b.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(e.substring(slash + 1));
        } catch (NumberFormatException x) {
          throw new IllegalArgumentException("'" + e + "' has a prefix length that is not a number", x);
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("'" + e + "' has a prefix length outside 0.." + bits);
        }
      }
      nets.add(b);
      prefixes[i] = prefix;
    }
    return new AllowList(List.copyOf(nets), prefixes);
  }

  boolean contains(ClientAddress a) {
    for (int i = 0; i < networks.size(); i++) {
      if (a.in(networks.get(i), prefixes[i])) {
        return true;
      }
    }
    return false;
  }
}
