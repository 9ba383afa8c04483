package io.cphub.proxy.abuse;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One ban: who (kind and canonical key), why (reason and the counts that tripped it), for how
 * long, decided by which node, and the how-many-th offence of this key it is. {@code id} is the
 * row id in the registry database, 0 while the ban is known only to the node that decided it.
 */
public record Ban(long id, Kind kind, String key, String reason, int failures, int attempts, int offences,
    Instant createdAt, Instant expiresAt, String createdBy) {

  /** What a ban applies to. */
  public enum Kind {
    IP, NET, ACCOUNT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code ip}, {@code net} or {@code account}. */
    public static Kind of(String label) {
      for (Kind k : values()) {
        if (k.label().equals(label)) {
          return k;
        }
      }
      throw new IllegalArgumentException("ban kind must be ip, net or account, got '" + label + "'");
    }
  }

  public Ban {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(createdBy, "createdBy");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("ban of " + kind.label() + " " + key + " expires before it starts");
    }
    if (offences < 1 || failures < 0 || attempts < failures) {
      throw new IllegalArgumentException("ban of " + kind.label() + " " + key + " has impossible counts: failures "
          + failures + ", attempts " + attempts + ", offences " + offences);
    }
  }

  boolean activeAt(Instant now) {
    return expiresAt.isAfter(now);
  }

  /** Map key for this ban's target. */
  String target() {
    return target(kind, key);
  }

  static String target(Kind kind, String key) {
    return kind.label() + ' ' + key;
  }
}
