package io.cphub.proxy.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * {@link Tally}s by key (IPs, networks or accounts), bounded: at most {@code maxKeys} keys, a
 * key idle for a whole window is dropped, and past the bound Caffeine evicts (W-TinyLFU: among
 * keys seen rarely the least recent go first, while a key that keeps failing is kept even when a
 * flood of one-shot keys arrives, so an attacker cannot flush its own record). Each eviction is
 * counted. Thread-safe.
 */
final class Tracker {
  private final long window;
  private final int itemCap;
  private final Cache<String, Tally> tallies;

  Tracker(String name, Duration window, long maxKeys, int itemCap, Ticker ticker, GuardMetrics metrics) {
    this.window = window.toMillis();
    this.itemCap = itemCap;
    this.tallies = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window).ticker(ticker)
        .executor(Runnable::run)
        .evictionListener((String k, Tally t, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE) {
            metrics.evicted(name);
          }
        }).build();
    metrics.trackedKeys(name, this::size);
  }

  Tally.Count count(String key, long now) {
    Tally t = tallies.getIfPresent(key);
    return t == null ? Tally.Count.ZERO : t.count(now, window);
  }

  Tally.Count record(String key, long item, long owner, long now) {
    return tallies.get(key, k -> new Tally(itemCap)).record(item, owner, now, window);
  }

  void forgive(String key, long owner) {
    Tally t = tallies.getIfPresent(key);
    if (t != null) {
      t.forgive(owner);
    }
  }

  void reset(String key) {
    tallies.invalidate(key);
  }

  long size() {
    return tallies.estimatedSize();
  }

  /** Runs pending evictions and expiries now (tests, metrics). */
  void cleanUp() {
    tallies.cleanUp();
  }
}
