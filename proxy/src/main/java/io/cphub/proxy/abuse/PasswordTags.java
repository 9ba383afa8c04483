package io.cphub.proxy.abuse;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes for the guard's distinct-password counting: HMAC-SHA256 under a random key made
 * per process, truncated to 64 bits. Equal input gives an equal tag within this process; the
 * tag says nothing about the input outside it, and nothing is ever stored or logged from it.
 * Thread-safe (one Mac per thread).
 */
public final class PasswordTags {
  private final byte[] key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public PasswordTags() {
    key = new byte[32];
    new SecureRandom().nextBytes(key);
  }

  /** Tags under a given key (at least 32 bytes), e.g. one every node shares. */
  PasswordTags(byte[] sharedKey) {
    if (sharedKey.length < 32) {
      throw new IllegalArgumentException("a tag key needs at least 32 bytes, got " + sharedKey.length);
    }
    key = sharedKey.clone();
  }

  boolean hasKey(byte[] other) {
    return java.security.MessageDigest.isEqual(key, other);
  }

  /** The tag of one secret (a password, or the login of an unknown account). */
  public long tag(byte[] secret) {
    return ByteBuffer.wrap(macs.get().doFinal(secret)).getLong();
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
