package io.cphub.registry.routes;

import io.cphub.model.wire.AccountConflict;
import io.cphub.model.wire.Conflict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups conflict rows per name and says, in words, why the winner wins. Stateless. */
final class ConflictReport {
  private ConflictReport() {}

  static List<Conflict> of(List<ConflictRow> rows) {
    List<Conflict> out = new ArrayList<>();
    for (List<ConflictRow> claims : byKey(rows)) {
      ConflictRow first = claims.get(0);
      List<Conflict.Claim> wire = claims.stream()
          .map(c -> new Conflict.Claim(c.server(), c.account(), c.kind(), c.suspended(), c.firstSeen())).toList();
      out.add(new Conflict(first.key(), wire, first.winner(), reason(claims, first.winner(), first.pinned(), "claim")));
    }
    return out;
  }

  static List<AccountConflict> accounts(List<ConflictRow> rows) {
    List<AccountConflict> out = new ArrayList<>();
    for (List<ConflictRow> held : byKey(rows)) {
      ConflictRow first = held.get(0);
      List<AccountConflict.Holder> wire = held.stream()
          .map(c -> new AccountConflict.Holder(c.server(), c.account(), c.suspended(), c.firstSeen())).toList();
      out.add(new AccountConflict(first.key(), wire, first.winner(),
          reason(held, first.winner(), first.pinned(), "account")));
    }
    return out;
  }

  private static Iterable<List<ConflictRow>> byKey(List<ConflictRow> rows) {
    Map<String, List<ConflictRow>> byKey = new LinkedHashMap<>();
    for (ConflictRow r : rows) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    return byKey.values();
  }

  static String reason(List<ConflictRow> claims, String winner, String pinned, String noun) {
    if (winner == null) {
      return "no route: every server holding it is retired";
    }
    if (winner.equals(pinned)) {
      return "pinned by an operator";
    }
    ConflictRow win = claims.stream().filter(c -> c.server().equals(winner)).findFirst().orElse(null);
    List<ConflictRow> others = claims.stream()
        .filter(c -> !c.server().equals(winner) && !c.serverState().equals("retired")).toList();
    if (others.isEmpty()) {
      return "the other servers are retired";
    }
    if (win != null && !win.suspended() && others.stream().allMatch(ConflictRow::suspended)) {
      return "the only " + noun + " that is not suspended";
    }
    return "the standing " + noun + ": it keeps the route while it lives, unless a newcomer arrives by a WHM"
        + " transfer or an operator decides (see contests)";
  }
}
