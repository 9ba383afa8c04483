package io.cphub.proxy.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The (account, client network) pairs that logged in successfully, for a TTL: a protected account
 * still accepts its owner from these. Two layers, each bounded by {@code abuse.known-good.max}:
 * the pairs this node saw (exact, usable before the database was ever reached), and the keyed
 * hashes every node shared through the database ({@link KnownGoodSync}). A success queues its pair
 * for writing without blocking (once per {@link #refresh}); a full queue drops it, counted.
 * Thread-safe: login threads read and remember, the ban follower's thread loads and drains.
 */
final class KnownGood {
  private final Clock clock;
  private final Duration ttl;
  private final long refresh;
  private final GuardMetrics metrics;
  private final Cache<String, Long> local;
  private final Cache<Long, Long> shared;
  private final BlockingQueue<String> outbox;
  private volatile PasswordTags hasher;

  KnownGood(GuardConfig config, Clock clock, Ticker ticker, GuardMetrics metrics) {
    this.clock = clock;
    this.ttl = config.knownGoodTtl();
    this.refresh = Math.max(1, ttl.toMillis() / 30);
    this.metrics = metrics;
    local = Caffeine.newBuilder().maximumSize(config.maxKnownGood()).expireAfterWrite(ttl).ticker(ticker)
        .executor(Runnable::run).evictionListener((String k, Long v, RemovalCause cause) -> {
          if (cause == RemovalCause.SIZE) {
            metrics.evicted("known-good");
          }
        }).build();
    shared = Caffeine.newBuilder().maximumSize(config.maxKnownGood()).ticker(ticker).executor(Runnable::run)
        .expireAfter(Expiry.<Long, Long>writing((tag, expires) -> Duration.ofMillis(Math.max(0, expires
            - clock.millis())))).build();
    outbox = new ArrayBlockingQueue<>(config.knownGoodQueue());
    metrics.trackedKeys("known-good", local::estimatedSize);
    metrics.trackedKeys("known-good-shared", shared::estimatedSize);
    metrics.bindKnownGood(outbox::size);
  }

  boolean contains(String account, ClientAddress ip) {
    String pair = pair(account, ip);
    if (local.getIfPresent(pair) != null) {
      return true;
    }
    PasswordTags h = hasher;
    return h != null && shared.getIfPresent(tag(h, pair)) != null;
  }

  void remember(String account, ClientAddress ip) {
    String pair = pair(account, ip);
    long now = clock.millis();
    Long queued = local.getIfPresent(pair);
    if (queued != null && now - queued < refresh) {
      return;
    }
    local.put(pair, now);
    if (!outbox.offer(pair)) {
      metrics.knownGoodWritten("dropped", 1);
    }
  }

  /** The database's key (same on every node); a different one forgets the shared layer. */
  void useKey(byte[] key) {
    PasswordTags h = hasher;
    if (h == null || !h.hasKey(key)) {
      shared.invalidateAll();
      hasher = new PasswordTags(key);
    }
  }

  /** A shared pair, as loaded or notified, valid until {@code expiresMillis}. */
  void putShared(long tag, long expiresMillis) {
    if (expiresMillis > clock.millis()) {
      shared.put(tag, expiresMillis);
    }
  }

  /** Takes up to {@code max} queued pairs and returns their tags (empty until the key is known). */
  long[] drain(int max) {
    PasswordTags h = hasher;
    if (h == null) {
      return new long[0];
    }
    List<String> pairs = new ArrayList<>();
    outbox.drainTo(pairs, max);
    long[] tags = new long[pairs.size()];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = tag(h, pairs.get(i));
    }
    return tags;
  }

  Duration ttl() {
    return ttl;
  }

  int pending() {
    return outbox.size();
  }

  private static String pair(String account, ClientAddress ip) {
    return account + '\n' + ip.network();
  }

  private static long tag(PasswordTags h, String pair) {
    return h.tag(pair.getBytes(StandardCharsets.UTF_8));
  }
}
