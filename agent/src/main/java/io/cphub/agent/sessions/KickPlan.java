package io.cphub.agent.sessions;

import io.cphub.model.wire.Departure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a page of departures into kicks, by user, never by address (behind nginx every session
 * comes from the proxy). A cPanel account that moved whole (its username left, and none of its
 * domains routes here any more) is one WHM kick of the account, with {@code doveadm} masks for
 * its username and the departed domains as the fallback when WHM cannot (the account is gone).
 * Everything else is kicked by doveadm mask alone: a domain that left is {@code *@domain} and
 * {@code *+domain} (cPanel's mail-server username form); a username that left without all its
 * domains is that username. Each mask appears at most once in a plan. Stateless.
 */
final class KickPlan {
  private KickPlan() {}

  static List<Kick> of(List<Departure> departures) {
    Map<String, List<Departure>> byAccount = new LinkedHashMap<>();
    for (Departure d : departures) {
      byAccount.computeIfAbsent(d.account(), k -> new ArrayList<>()).add(d);
    }
    List<Kick> kicks = new ArrayList<>();
    Set<String> planned = new LinkedHashSet<>();
    for (Map.Entry<String, List<Departure>> e : byAccount.entrySet()) {
      String account = e.getKey();
      List<Departure> ds = e.getValue();
      boolean whole = ds.stream().anyMatch(d -> d.kind().equals(Departure.ACCOUNT) && Boolean.TRUE.equals(d.whole()));
      if (whole) {
        Set<String> masks = new LinkedHashSet<>();
        masks.add(account);
        ds.stream().filter(d -> d.kind().equals(Departure.DOMAIN)).forEach(d -> masks.addAll(domainMasks(d.key())));
        masks.removeAll(planned);
        planned.addAll(masks);
        kicks.add(new Kick(account, List.copyOf(masks), reason(ds), newest(ds)));
        continue;
      }
      for (Departure d : ds) {
        List<String> masks = new ArrayList<>(d.kind().equals(Departure.DOMAIN) ? domainMasks(d.key()) : List.of(d.key()));
        masks.removeAll(planned);
        if (!masks.isEmpty()) {
          planned.addAll(masks);
          kicks.add(new Kick(null, masks, reason(List.of(d)), d.version()));
        }
      }
    }
    kicks.sort(java.util.Comparator.comparingLong(Kick::version));
    return kicks;
  }

  private static List<String> domainMasks(String domain) {
    return List.of("*@" + domain, "*+" + domain);
  }

  private static long newest(List<Departure> ds) {
    return ds.stream().mapToLong(Departure::version).max().orElse(0);
  }

  private static String reason(List<Departure> ds) {
    StringBuilder b = new StringBuilder();
    for (Departure d : ds) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(d.kind()).append(' ').append(d.key()).append(" -> ").append(d.to()).append(" (v").append(d.version())
          .append(')');
    }
    return b.toString();
  }
}
