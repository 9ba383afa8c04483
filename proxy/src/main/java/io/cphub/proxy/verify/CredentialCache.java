package io.cphub.proxy.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recent successful checks, keyed by HMAC-SHA256 (random per-process key) of backend,
 * login and password: the password itself is never stored, and a key is useless outside this
 * process. Only successes are stored. Thread-safe.
 */
public final class CredentialCache {
  private final Cache<Key, Boolean> cache;
  private final byte[] secret = new byte[32];
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public CredentialCache(Duration ttl, long maxSize, Ticker ticker) {
    new SecureRandom().nextBytes(secret);
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).ticker(ticker).build();
  }

  /** A cache key: the 256-bit keyed hash as four longs. */
  public record Key(long a, long b, long c, long d) {}

  /** The key for this backend, login and password. */
  public Key key(int serverId, String address, int port, byte[] user, byte[] password) {
    Mac mac = macs.get();
    mac.update(ByteBuffer.allocate(8).putInt(serverId).putInt(port).array());
    mac.update(address.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    mac.update((byte) 0);
    mac.update(ByteBuffer.allocate(4).putInt(user.length).array());
    mac.update(user);
    mac.update(password);
    ByteBuffer h = ByteBuffer.wrap(mac.doFinal());
    return new Key(h.getLong(), h.getLong(), h.getLong(), h.getLong());
  }

  public boolean contains(Key k) {
    return cache.getIfPresent(k) != null;
  }

  public void remember(Key k) {
    cache.put(k, Boolean.TRUE);
  }

  public long size() {
    return cache.estimatedSize();
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(secret, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
