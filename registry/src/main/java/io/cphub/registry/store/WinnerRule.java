package io.cphub.registry.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who wins a key claimed by several servers (DESIGN.md): claims of retired servers never win;
 * then the pinned server's claim; else a non-suspended account beats a suspended one; else the
 * claim first seen most recently (the transfer destination); ties go to the higher server id.
 * The one place the rule lives. Stateless.
 */
public final class WinnerRule {
  static final Comparator<Candidate> ORDER = Comparator.comparing(Candidate::pinned)
      .thenComparing(c -> !c.suspended())
      .thenComparing(Candidate::firstSeen)
      .thenComparingInt(Candidate::serverId);

  private WinnerRule() {}

  /** The winning claim among {@code claims} of one key, if any claim may route. */
  public static Optional<Candidate> winner(Collection<Candidate> claims) {
    return claims.stream().filter(c -> !c.retired()).max(ORDER);
  }

  /**
   * The route changes for {@code keys} (in their given order): a key whose winner differs from
   * its current route, by server or by account, changes; one with no winner is removed.
   */
  public static List<RouteChange> changes(String kind, Collection<String> keys, List<Candidate> claims,
      List<CurrentRoute> current) {
    Map<String, List<Candidate>> byKey = new HashMap<>(keys.size() * 2);
    for (Candidate c : claims) {
      byKey.computeIfAbsent(c.key(), k -> new java.util.ArrayList<>(2)).add(c);
    }
    Map<String, CurrentRoute> routes = new HashMap<>(current.size() * 2);
    for (CurrentRoute r : current) {
      routes.put(r.key(), r);
    }
    boolean domain = kind.equals(RouteChange.DOMAIN);
    List<RouteChange> out = new java.util.ArrayList<>();
    for (String key : keys) {
      Candidate w = winner(byKey.getOrDefault(key, List.of())).orElse(null);
      CurrentRoute r = routes.get(key);
      if (w == null) {
        if (r != null) {
          out.add(new RouteChange(kind, key, null, null));
        }
        continue;
      }
      String username = domain ? w.username() : null;
      if (r == null || r.serverId() != w.serverId() || !Objects.equals(r.username(), username)) {
        out.add(new RouteChange(kind, key, w.serverId(), username));
      }
    }
    return out;
  }
}
