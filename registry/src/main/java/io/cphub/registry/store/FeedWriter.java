package io.cphub.registry.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes route changes the way the change feed requires (reference design §3.4), inside the
 * caller's transaction: takes the head lock, computes which winners really changed ({@link WinnerRule}), then bumps
 * {@code feed_head} by that number, writes the routes with their versions, appends
 * {@code change_log} and runs {@code pg_notify('cphub_routes', <new version>)}. The head row lock
 * is held to commit, so versions are gap-free and in commit order. A claim writer's own claims are
 * read before the lock ({@link #recomputeForServer}); everything the winner depends on besides them
 * is read under it. Stateless and thread-safe;
 * each call uses only the handle it is given.
 */
public final class FeedWriter {
  /** The outcome: changes written (in version order) and the feed version after them. */
  public record Result(List<RouteChange> changes, long version) {}

  /**
   * Recomputes the winners of {@code domains} and {@code usernames} (both distinct; wildcard
   * domains excluded by the caller) plus any extra {@code serverChanges}, and writes what changed.
   * Every read happens under the head lock.
   */
  public Result recompute(Handle h, Collection<String> domains, Collection<String> usernames,
      List<RouteChange> serverChanges) {
    FeedDao feed = h.attach(FeedDao.class);
    long head = feed.lockHead();
    RouteDao routes = h.attach(RouteDao.class);
    List<String> keys = sorted(domains);
    String[] arr = keys.toArray(String[]::new);
    List<Candidate> candidates = keys.isEmpty() ? List.of() : routes.domainCandidates(arr);
    List<CurrentRoute> current = keys.isEmpty() ? List.of() : routes.domainRoutes(arr);
    return write(h, head, keys, candidates, current, usernames, serverChanges);
  }

  /**
   * Like {@link #recompute}, for a writer of server {@code serverId}'s claims that holds that
   * server's row lock (so this server's claims, accounts and state cannot change under it). Reads
   * this server's own claims on {@code domains} before taking the head lock; under the lock, one
   * statement reads the current routes and which of the domains another server claims, and only
   * those contested domains have all their claims re-read. Equivalent to {@link #recompute}: every
   * other writer of claims, servers or pins commits while holding the head lock, so what this
   * server's pre-read cannot see is either committed before the lock was granted (and then seen
   * by the reads under it) or not yet written (and then recomputed by its own writer later); for a
   * domain no other server claims, the winner depends on this server's claim alone, pins included.
   */
  public Result recomputeForServer(Handle h, int serverId, Collection<String> domains, Collection<String> usernames) {
    RouteDao routes = h.attach(RouteDao.class);
    List<String> keys = sorted(domains);
    String[] arr = keys.toArray(String[]::new);
    List<Candidate> own = keys.isEmpty() ? List.of() : routes.ownDomainCandidates(arr, serverId);
    FeedDao feed = h.attach(FeedDao.class);
    long head = feed.lockHead();
    if (keys.isEmpty()) {
      return write(h, head, keys, List.of(), List.of(), usernames, List.of());
    }
    List<CurrentRoute> current = new ArrayList<>();
    Set<String> contested = new HashSet<>();
    for (DomainState st : routes.domainStates(arr, serverId)) {
      if (st.contested()) {
        contested.add(st.key());
      } else {
        current.add(new CurrentRoute(st.key(), st.routeServerId(), st.routeUsername()));
      }
    }
    List<Candidate> candidates = new ArrayList<>(own.size());
    for (Candidate c : own) {
      if (!contested.contains(c.key())) {
        candidates.add(c);
      }
    }
    if (!contested.isEmpty()) {
      candidates.addAll(routes.domainCandidates(sorted(contested).toArray(String[]::new)));
    }
    return write(h, head, keys, candidates, current, usernames, List.of());
  }

  private Result write(Handle h, long head, List<String> domainKeys, List<Candidate> candidates, List<CurrentRoute> current,
      Collection<String> usernames, List<RouteChange> serverChanges) {
    FeedDao feed = h.attach(FeedDao.class);
    RouteDao routes = h.attach(RouteDao.class);
    List<RouteChange> changes = new ArrayList<>(serverChanges);
    Set<String> routed = new HashSet<>();
    current.forEach(r -> routed.add(r.key()));
    if (!domainKeys.isEmpty()) {
      changes.addAll(WinnerRule.changes(RouteChange.DOMAIN, domainKeys, candidates, current));
    }
    if (!usernames.isEmpty()) {
      List<String> keys = sorted(usernames);
      String[] arr = keys.toArray(String[]::new);
      changes.addAll(WinnerRule.changes(RouteChange.ACCOUNT, keys, routes.accountCandidates(arr),
          routes.accountRoutes(arr)));
    }
    if (changes.isEmpty()) {
      return new Result(List.of(), head);
    }
    long version = feed.bump(changes.size());
    long first = version - changes.size() + 1;
    writeRoutes(routes, changes, first, routed);
    int n = changes.size();
    Long[] versions = new Long[n];
    String[] kinds = new String[n];
    String[] keys = new String[n];
    Integer[] servers = new Integer[n];
    for (int i = 0; i < n; i++) {
      RouteChange c = changes.get(i);
      versions[i] = first + i;
      kinds[i] = c.kind();
      keys[i] = c.key();
      servers[i] = c.serverId();
    }
    feed.log(versions, kinds, keys, servers);
    feed.notifyRoutes(Long.toString(version));
    return new Result(List.copyOf(changes), version);
  }

  private static List<String> sorted(Collection<String> keys) {
    return keys.stream().distinct().sorted().toList();
  }

  private static void writeRoutes(RouteDao routes, List<RouteChange> changes, long first, Set<String> routed) {
    RouteBatch domainSet = new RouteBatch();
    RouteBatch newDomains = new RouteBatch();
    RouteBatch accountSet = new RouteBatch();
    for (int i = 0; i < changes.size(); i++) {
      RouteChange c = changes.get(i);
      if (c.kind().equals(RouteChange.DOMAIN)) {
        (routed.contains(c.key()) || c.serverId() == null ? domainSet : newDomains).add(c, first + i);
      } else if (c.kind().equals(RouteChange.ACCOUNT)) {
        accountSet.add(c, first + i);
      }
    }
    if (!domainSet.removed.isEmpty()) {
      routes.deleteRoutes(domainSet.removed.toArray(String[]::new));
    }
    if (!domainSet.keys.isEmpty()) {
      routes.updateRoutes(domainSet.keys.toArray(String[]::new), domainSet.servers.toArray(Integer[]::new),
          domainSet.usernames.toArray(String[]::new), domainSet.versions.toArray(Long[]::new));
    }
    if (!newDomains.keys.isEmpty()) {
      routes.insertRoutes(newDomains.keys.toArray(String[]::new), newDomains.servers.toArray(Integer[]::new),
          newDomains.usernames.toArray(String[]::new), newDomains.versions.toArray(Long[]::new));
    }
    if (!accountSet.removed.isEmpty()) {
      routes.deleteAccountRoutes(accountSet.removed.toArray(String[]::new));
    }
    if (!accountSet.keys.isEmpty()) {
      routes.upsertAccountRoutes(accountSet.keys.toArray(String[]::new), accountSet.servers.toArray(Integer[]::new),
          accountSet.versions.toArray(Long[]::new));
    }
  }

  /** Column arrays of one route table's upserts, plus its removals. */
  private static final class RouteBatch {
    final List<String> keys = new ArrayList<>();
    final List<Integer> servers = new ArrayList<>();
    final List<String> usernames = new ArrayList<>();
    final List<Long> versions = new ArrayList<>();
    final List<String> removed = new ArrayList<>();

    void add(RouteChange c, long version) {
      if (c.serverId() == null) {
        removed.add(c.key());
      } else {
        keys.add(c.key());
        servers.add(c.serverId());
        usernames.add(c.username());
        versions.add(version);
      }
    }
  }
}
