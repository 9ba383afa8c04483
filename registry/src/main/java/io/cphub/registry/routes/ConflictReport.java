package io.cphub.registry.routes;

import io.cphub.model.wire.Conflict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups conflict rows per domain and says, in words, why the winner wins. Stateless. */
final class ConflictReport {
  private ConflictReport() {}

  static List<Conflict> of(List<ConflictRow> rows) {
    Map<String, List<ConflictRow>> byDomain = new LinkedHashMap<>();
    for (ConflictRow r : rows) {
      byDomain.computeIfAbsent(r.domain(), k -> new ArrayList<>()).add(r);
    }
    List<Conflict> out = new ArrayList<>(byDomain.size());
    for (var e : byDomain.entrySet()) {
      List<ConflictRow> claims = e.getValue();
      ConflictRow first = claims.get(0);
      List<Conflict.Claim> wire = claims.stream()
          .map(c -> new Conflict.Claim(c.server(), c.account(), c.kind(), c.suspended(), c.firstSeen())).toList();
      out.add(new Conflict(e.getKey(), wire, first.winner(), reason(claims, first.winner(), first.pinned())));
    }
    return out;
  }

  static String reason(List<ConflictRow> claims, String winner, String pinned) {
    if (winner == null) {
      return "no route: every claiming server is retired";
    }
    if (winner.equals(pinned)) {
      return "pinned by an operator";
    }
    ConflictRow win = claims.stream().filter(c -> c.server().equals(winner)).findFirst().orElse(null);
    List<ConflictRow> others = claims.stream()
        .filter(c -> !c.server().equals(winner) && !c.serverState().equals("retired")).toList();
    if (others.isEmpty()) {
      return "the other claiming servers are retired";
    }
    if (win != null && !win.suspended() && others.stream().allMatch(ConflictRow::suspended)) {
      return "the only claim whose account is not suspended";
    }
    return "the most recently first-seen claim (transfer destination)";
  }
}
