package io.cphub.registry.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the winner rule's verdicts for one route table into the rows to write: a route that
 * appears, moves or disappears is a {@link RouteChange} for the change log (its row gets the
 * change's version); a route whose standing claim alone changed is rewritten with its version
 * kept, and is not a change proxies see. Collects column arrays for set-based statements. Not
 * thread-safe; one per write.
 */
final class RouteWrites {
  private final String kind;
  private final List<RouteChange> changes = new ArrayList<>();
  private final Batch inserts = new Batch();
  private final Batch updates = new Batch();
  private final List<String> removed = new ArrayList<>();

  RouteWrites(String kind, List<WinnerRule.Verdict> verdicts, Map<String, CurrentRoute> current) {
    this.kind = kind;
    boolean domain = kind.equals(RouteChange.DOMAIN);
    for (WinnerRule.Verdict v : verdicts) {
      CurrentRoute r = current.get(v.key());
      Candidate w = v.route();
      if (w == null) {
        if (r != null) {
          changes.add(new RouteChange(kind, v.key(), null, null, r.serverId(), r.username()));
          removed.add(v.key());
        }
        continue;
      }
      String username = domain ? w.username() : null;
      boolean moved = r == null || r.serverId() != w.serverId() || !Objects.equals(r.username(), username);
      boolean restood = r == null || r.standingServerId() != v.standing().serverId()
          || !r.standingSince().equals(v.standingSince());
      if (moved) {
        changes.add(new RouteChange(kind, v.key(), w.serverId(), username, r == null ? null : r.serverId(),
            r == null ? null : r.username()));
      }
      if (moved || restood) {
        (r == null ? inserts : updates).add(v, username, moved ? changes.size() - 1 : -1);
      }
    }
  }

  /** The changes for the change log, in order. */
  List<RouteChange> changes() {
    return changes;
  }

  /** Writes the rows; the change at index i of {@link #changes()} gets version {@code firstVersion + i}. */
  void write(RouteDao routes, long firstVersion) {
    if (!removed.isEmpty()) {
      if (kind.equals(RouteChange.DOMAIN)) {
        routes.deleteRoutes(removed.toArray(String[]::new));
      } else {
        routes.deleteAccountRoutes(removed.toArray(String[]::new));
      }
    }
    if (kind.equals(RouteChange.DOMAIN)) {
      if (!updates.keys.isEmpty()) {
        routes.updateRoutes(updates.keys(), updates.servers(), updates.usernames(), updates.versions(firstVersion),
            updates.standing(), updates.sinces());
      }
      if (!inserts.keys.isEmpty()) {
        routes.insertRoutes(inserts.keys(), inserts.servers(), inserts.usernames(), inserts.versions(firstVersion),
            inserts.standing(), inserts.sinces());
      }
    } else {
      if (!updates.keys.isEmpty()) {
        routes.updateAccountRoutes(updates.keys(), updates.servers(), updates.versions(firstVersion),
            updates.standing(), updates.sinces());
      }
      if (!inserts.keys.isEmpty()) {
        routes.insertAccountRoutes(inserts.keys(), inserts.servers(), inserts.versions(firstVersion),
            inserts.standing(), inserts.sinces());
      }
    }
  }

  /** Column arrays of one kind of statement; {@code change} -1 means no new version. */
  private static final class Batch {
    final List<String> keys = new ArrayList<>();
    final List<Integer> servers = new ArrayList<>();
    final List<String> usernames = new ArrayList<>();
    final List<Integer> changeIndex = new ArrayList<>();
    final List<Integer> standing = new ArrayList<>();
    final List<Instant> sinces = new ArrayList<>();

    void add(WinnerRule.Verdict v, String username, int change) {
      keys.add(v.key());
      servers.add(v.route().serverId());
      usernames.add(username);
      changeIndex.add(change);
      standing.add(v.standing().serverId());
      sinces.add(v.standingSince());
    }

    String[] keys() {
      return keys.toArray(String[]::new);
    }

    Integer[] servers() {
      return servers.toArray(Integer[]::new);
    }

    String[] usernames() {
      return usernames.toArray(String[]::new);
    }

    Long[] versions(long first) {
      return changeIndex.stream().map(i -> i < 0 ? null : first + i).toArray(Long[]::new);
    }

    Integer[] standing() {
      return standing.toArray(Integer[]::new);
    }

    String[] sinces() {
      return sinces.stream().map(Instant::toString).toArray(String[]::new);
    }
  }
}
