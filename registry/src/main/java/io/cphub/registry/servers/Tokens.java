package io.cphub.registry.servers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer tokens: 256 random bits, shown once; only their SHA-256 is stored. Thread-safe
 * ({@link SecureRandom} is).
 */
public final class Tokens {
  static final String PREFIX = "cphub_";
  private final SecureRandom random;

  public Tokens(SecureRandom random) {
    this.random = random;
  }

  /** A new token. */
  public String generate() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** SHA-256 of the token's UTF-8 bytes, as stored in {@code server.token_hash}. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Compares two secrets in constant time (by their hashes). */
  public static boolean same(String a, String b) {
    return MessageDigest.isEqual(hash(a), hash(b));
  }
}
