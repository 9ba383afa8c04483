package io.cphub.registry.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who wins a key claimed by several servers (DESIGN.md "Who wins a domain"). Claims of retired
 * servers never route. Without pins: a non-suspended account beats a suspended one; then the
 * standing claim (the one the route keeps) holds, except against a claim with transfer evidence
 * first seen after the standing claim stood, which takes over at once; with no standing claim
 * left, a claim with transfer evidence, else the longest-held claim, stands. A pin routes its
 * server's claim but leaves the standing claim as it is. An operator decision makes a claim stand
 * from now on. A claim on another server first seen after the standing claim stood is a waiting
 * newcomer: the key is contested (unless a pin decides it). The one place the rule lives. Stateless.
 */
public final class WinnerRule {
  /** Among claims of transfer, the newest arrival wins; ties go to the higher server id. */
  static final Comparator<Candidate> NEWEST = Comparator.comparing(Candidate::firstSeen)
      .thenComparingInt(Candidate::serverId);
  /** Among claims without transfer evidence and no standing claim, the longest-held one. */
  static final Comparator<Candidate> OLDEST = Comparator.comparing(Candidate::firstSeen)
      .thenComparingInt(Candidate::serverId);

  private WinnerRule() {}

  /**
   * What the rule decides for one key: {@code route} the claim that routes (null: no route),
   * {@code standing} the claim that stands since {@code standingSince}, and {@code contestSince}
   * when the earliest waiting newcomer was first seen (null: no contest).
   */
  public record Verdict(String key, Candidate route, Candidate standing, Instant standingSince, Instant contestSince) {}

  /**
   * The verdict for one key from its {@code claims}, its {@code current} route (or null) and, when an
   * operator decided the key, the {@code decided} server whose claim stands from {@code now} (ignored
   * when that server has no live claim, or its account is suspended while another is not).
   */
  public static Verdict verdict(String key, Collection<Candidate> claims, CurrentRoute current, Integer decided,
      Instant now) {
    List<Candidate> live = claims.stream().filter(c -> !c.retired()).toList();
    if (live.isEmpty()) {
      return new Verdict(key, null, null, null, null);
    }
    List<Candidate> pool = live.stream().filter(c -> !c.suspended()).toList();
    if (pool.isEmpty()) {
      pool = live;
    }
    Candidate standing = null;
    Instant since = null;
    if (decided != null) {
      standing = pool.stream().filter(c -> c.serverId() == decided).findFirst().orElse(null);
      since = now;
    }
    if (standing == null) {
      Candidate held = current == null ? null
          : live.stream().filter(c -> c.serverId() == current.standingServerId()).findFirst().orElse(null);
      Instant heldSince = current == null ? null : current.standingSince();
      Optional<Candidate> arrived = pool.stream()
          .filter(c -> c != held && c.transferred() && (heldSince == null || c.firstSeen().isAfter(heldSince)))
          .max(NEWEST);
      if (arrived.isPresent()) {
        standing = arrived.get();
        since = standing.firstSeen();
      } else if (held != null && pool.contains(held)) {
        standing = held;
        since = heldSince;
      } else {
        standing = pool.stream().min(OLDEST).orElseThrow();
        since = standing.firstSeen();
      }
    }
    Candidate route = live.stream().filter(Candidate::pinned).findFirst().orElse(standing);
    Instant contest = null;
    if (route == standing) {
      Instant stood = since;
      int at = standing.serverId();
      contest = live.stream().filter(c -> c.serverId() != at && c.firstSeen().isAfter(stood))
          .map(Candidate::firstSeen).min(Comparator.naturalOrder()).orElse(null);
    }
    return new Verdict(key, route, standing, since, contest);
  }

  /** Why {@code standing} keeps the route against the waiting {@code newcomer}, in words for operators. */
  public static String whyStandingHolds(boolean standingSuspended, boolean newcomerSuspended, boolean newcomerTransferred) {
    if (newcomerSuspended && !standingSuspended) {
      return "the newcomer's account is suspended";
    }
    if (!newcomerTransferred) {
      return "standing claim holds: the newcomer's account shows no WHM transfer or restore; it waits until the"
          + " standing claim is removed, its account is suspended, or an operator decides";
    }
    return "standing claim holds: the newcomer's transfer is older than the standing claim";
  }

  /** The verdicts for {@code keys} (in their given order), with {@code decided} key -> server. */
  public static List<Verdict> verdicts(Collection<String> keys, List<Candidate> claims, List<CurrentRoute> current,
      Map<String, Integer> decided, Instant now) {
    Map<String, List<Candidate>> byKey = new HashMap<>(keys.size() * 2);
    for (Candidate c : claims) {
      byKey.computeIfAbsent(c.key(), k -> new ArrayList<>(2)).add(c);
    }
    Map<String, CurrentRoute> routes = new HashMap<>(current.size() * 2);
    for (CurrentRoute r : current) {
      routes.put(r.key(), r);
    }
    List<Verdict> out = new ArrayList<>(keys.size());
    for (String key : keys) {
      out.add(verdict(key, byKey.getOrDefault(key, List.of()), routes.get(key), decided.get(key), now));
    }
    return out;
  }
}
