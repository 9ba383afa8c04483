package io.cphub.proxy.abuse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bans this node enforces: those read from the registry database, those it decided itself
 * and has not yet seen stored, and its own that will never be stored (they apply until they
 * expire). Lookups are lock-free map reads on the login path; updates come
 * from the guard (local decisions) and the ban follower (database rows). Expired bans stop
 * applying at once and are dropped on the next full re-read. Thread-safe.
 */
final class BanList {
  private final Map<String, Ban> bans = new ConcurrentHashMap<>();
  private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
  private final Set<String> localOnly = ConcurrentHashMap.newKeySet();

  boolean isEmpty() {
    return bans.isEmpty();
  }

  /** The ban on this target active at {@code now}, or null. */
  Ban active(Ban.Kind kind, String key, Instant now) {
    if (bans.isEmpty()) {
      return null;
    }
    Ban b = bans.get(Ban.target(kind, key));
    return b != null && b.activeAt(now) ? b : null;
  }

  /** A ban this node just decided; it applies at once and survives re-reads until stored. */
  void putLocal(Ban b) {
    bans.put(b.target(), b);
    unconfirmed.add(b.target());
  }

  /** A ban row as stored in the database (decided here or elsewhere). */
  void putStored(Ban b) {
    bans.put(b.target(), b);
    unconfirmed.remove(b.target());
    localOnly.remove(b.target());
  }

  /** A local ban the database already had in force (another node's): the stored one replaces it. */
  void storedElsewhere(Ban b) {
    unconfirmed.remove(b.target());
  }

  /** A local ban that will not be stored (queue overflow, refused row): applies here until it expires. */
  void keepLocal(Ban b) {
    unconfirmed.remove(b.target());
    if (bans.get(b.target()) == b) {
      localOnly.add(b.target());
    }
  }

  /**
   * A stored ban ended (lifted or expired): it stops applying, unless this node has since decided
   * a newer ban of the same target.
   */
  void removeStored(Ban ended) {
    bans.computeIfPresent(ended.target(), (t, cur) -> cur.createdAt().isAfter(ended.createdAt()) ? cur : null);
    if (!bans.containsKey(ended.target())) {
      unconfirmed.remove(ended.target());
      localOnly.remove(ended.target());
    }
  }

  /**
   * Replaces everything with the database's active bans, keeping local bans not stored yet and
   * dropping expired ones.
   */
  void replaceStored(Collection<Ban> stored, Instant now) {
    Set<String> keep = new HashSet<>();
    for (Ban b : stored) {
      keep.add(b.target());
      bans.put(b.target(), b);
      unconfirmed.remove(b.target());
    }
    bans.entrySet().removeIf(e -> !e.getValue().activeAt(now)
        || (!keep.contains(e.getKey()) && !unconfirmed.contains(e.getKey()) && !localOnly.contains(e.getKey())));
    unconfirmed.removeIf(t -> !bans.containsKey(t));
    localOnly.removeIf(t -> !bans.containsKey(t));
  }

  /** Active bans, soonest expiry first. */
  List<Ban> active(Instant now) {
    List<Ban> out = new ArrayList<>();
    for (Ban b : bans.values()) {
      if (b.activeAt(now)) {
        out.add(b);
      }
    }
    out.sort(Comparator.comparing(Ban::expiresAt));
    return out;
  }

  Map<Ban.Kind, Integer> countByKind(Instant now) {
    Map<Ban.Kind, Integer> n = new EnumMap<>(Ban.Kind.class);
    for (Ban.Kind k : Ban.Kind.values()) {
      n.put(k, 0);
    }
    for (Ban b : bans.values()) {
      if (b.activeAt(now)) {
        n.merge(b.kind(), 1, Integer::sum);
      }
    }
    return n;
  }
}
