package io.cphub.proxy.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Which wider networks have had enough of their parts banned to be banned whole: level 0 is an
 * address, levels 1.. are {@link ClientAddress#prefixes()} (IPv4 /24, /16; IPv6 /64, /48, /32).
 * A network at level j counts its distinct banned parts at level j-1 (addresses in a /64, /64s in
 * a /48, /48s in a /32) within the repeat window; at {@code after} parts it is due. So an attacker
 * rotating through /64s of one /48 makes a few bans, then one of the /48. Bounded: at most
 * {@code maxKeys} networks and {@code after} parts each. Not thread-safe: the guard calls it under
 * its ban lock.
 */
final class Escalation {
  private final int after;
  private final Cache<String, Set<String>> parts;

  Escalation(int after, long maxKeys, Duration window, Ticker ticker) {
    this.after = after;
    this.parts = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(window).ticker(ticker)
        .executor(Runnable::run).build();
  }

  /** The key of {@code ip}'s network at {@code level} (0: the address itself). */
  static String key(ClientAddress ip, int level) {
    return level == 0 ? ip.key() : ip.network(ip.prefixes()[level - 1]);
  }

  static int levels(ClientAddress ip) {
    return ip.prefixes().length;
  }

  /**
   * Counts a ban of {@code ip}'s network at {@code level} in every wider network; returns the level
   * of the narrowest wider network that is now due for a ban, or -1.
   */
  int banned(ClientAddress ip, int level) {
    for (int j = level + 1; j <= levels(ip); j++) {
      Set<String> s = parts.get(key(ip, j), k -> new HashSet<>());
      if (s.size() < after) {
        s.add(key(ip, j - 1));
      }
      if (s.size() >= after) {
        return j;
      }
    }
    return -1;
  }

  /** An operator lifted the ban of this network: its parts start again from nothing. */
  void reset(String network) {
    parts.invalidate(network);
  }

  long size() {
    return parts.estimatedSize();
  }
}
