package io.cphub.proxy.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * The (account, IP) pairs that logged in successfully, remembered for a TTL: a protected account
 * still accepts its owner from these. Bounded like the trackers; evictions are counted. Local to
 * this node. Thread-safe.
 */
final class KnownGood {
  private final Cache<String, Boolean> pairs;

  KnownGood(Duration ttl, long max, Ticker ticker, GuardMetrics metrics) {
    pairs = Caffeine.newBuilder().maximumSize(max).expireAfterWrite(ttl).ticker(ticker).executor(Runnable::run)
        .evictionListener((String k, Boolean v, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE) {
            metrics.evicted("known-good");
          }
        }).build();
    metrics.trackedKeys("known-good", pairs::estimatedSize);
  }

  boolean contains(String account, ClientAddress ip) {
    return pairs.getIfPresent(key(account, ip)) != null;
  }

  void remember(String account, ClientAddress ip) {
    pairs.put(key(account, ip), Boolean.TRUE);
  }

  private static String key(String account, ClientAddress ip) {
    return ip.key() + ' ' + account;
  }
}
