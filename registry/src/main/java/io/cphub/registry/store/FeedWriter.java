package io.cphub.registry.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes route changes the way the change feed requires (reference design §3.4), inside the
 * caller's transaction: takes the head lock, asks {@link WinnerRule} for each key's verdict, then
 * bumps {@code feed_head} by the number of routes that really changed, writes the routes (with
 * their standing claims) and their versions, appends {@code change_log}, runs
 * {@code pg_notify('cphub_routes', <new version>)}, and keeps the open contests and their count
 * ({@link Contests}). The head row lock is held to commit, so versions are gap-free and in commit
 * order. A claim writer's own claims are read before the lock ({@link #recomputeForServer});
 * everything the winner depends on besides them is read under it. Stateless and thread-safe;
 * each call uses only the handle it is given.
 */
public final class FeedWriter {
  /** The outcome: changes written (in version order) and the feed version after them. */
  public record Result(List<RouteChange> changes, long version) {}

  /** The outcome of an operator decision, with the verdict it led to. */
  public record Decision(Result result, WinnerRule.Verdict verdict) {}

  /**
   * Recomputes the winners of {@code domains} and {@code usernames} (both distinct; wildcard
   * domains excluded by the caller) plus any extra {@code serverChanges}, and writes what changed.
   * Every read happens under the head lock.
   */
  public Result recompute(Handle h, Collection<String> domains, Collection<String> usernames,
      List<RouteChange> serverChanges) {
    long head = h.attach(FeedDao.class).lockHead();
    List<String> keys = sorted(domains);
    return write(h, head, keys, domainClaims(h, keys), domainRoutes(h, keys), usernames, serverChanges, Map.of(), null);
  }

  /**
   * An operator decision: the claim of {@code serverId} on the domain (kind {@code domain}) or
   * username (kind {@code account}) {@code key} stands from {@code now}, if the rule allows it (the
   * claim is live and not outvoted by suspension); the caller checks the returned verdict.
   */
  public Decision decide(Handle h, String kind, String key, int serverId, Instant now) {
    long head = h.attach(FeedDao.class).lockHead();
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    Map<String, Integer> decided = Map.of(key, serverId);
    if (kind.equals(RouteChange.DOMAIN)) {
      List<String> keys = List.of(key);
      List<Candidate> claims = domainClaims(h, keys);
      List<CurrentRoute> current = domainRoutes(h, keys);
      Result r = write(h, head, keys, claims, current, List.of(), List.of(), decided, at);
      return new Decision(r, WinnerRule.verdict(key, claims, current.isEmpty() ? null : current.get(0), serverId, at));
    }
    RouteDao routes = h.attach(RouteDao.class);
    String[] arr = {key};
    List<Candidate> claims = routes.accountCandidates(arr);
    List<CurrentRoute> current = routes.accountRoutes(arr);
    Result r = write(h, head, List.of(), List.of(), List.of(), List.of(key), List.of(), decided, at);
    return new Decision(r, WinnerRule.verdict(key, claims, current.isEmpty() ? null : current.get(0), serverId, at));
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
    long head = h.attach(FeedDao.class).lockHead();
    if (keys.isEmpty()) {
      return write(h, head, keys, List.of(), List.of(), usernames, List.of(), Map.of(), null);
    }
    List<CurrentRoute> current = new ArrayList<>();
    Set<String> contested = new HashSet<>();
    for (DomainState st : routes.domainStates(arr, serverId)) {
      if (st.contested()) {
        contested.add(st.key());
      } else {
        current.add(new CurrentRoute(st.key(), st.routeServerId(), st.routeUsername(), st.standingServerId(),
            st.standingSince()));
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
    return write(h, head, keys, candidates, current, usernames, List.of(), Map.of(), null);
  }

  private Result write(Handle h, long head, List<String> domainKeys, List<Candidate> candidates,
      List<CurrentRoute> current, Collection<String> usernames, List<RouteChange> serverChanges,
      Map<String, Integer> decided, Instant now) {
    FeedDao feed = h.attach(FeedDao.class);
    RouteDao routes = h.attach(RouteDao.class);
    List<WinnerRule.Verdict> domainVerdicts = WinnerRule.verdicts(domainKeys, candidates, current, decided, now);
    RouteWrites domainWrites = new RouteWrites(RouteChange.DOMAIN, domainVerdicts, byKey(current));
    List<String> userKeys = sorted(usernames);
    List<WinnerRule.Verdict> accountVerdicts = List.of();
    RouteWrites accountWrites = new RouteWrites(RouteChange.ACCOUNT, List.of(), Map.of());
    if (!userKeys.isEmpty()) {
      String[] arr = userKeys.toArray(String[]::new);
      List<CurrentRoute> accountRoutes = routes.accountRoutes(arr);
      accountVerdicts = WinnerRule.verdicts(userKeys, routes.accountCandidates(arr), accountRoutes, decided, now);
      accountWrites = new RouteWrites(RouteChange.ACCOUNT, accountVerdicts, byKey(accountRoutes));
    }
    Contests.sync(h, RouteChange.DOMAIN, domainVerdicts);
    Contests.sync(h, RouteChange.ACCOUNT, accountVerdicts);
    List<RouteChange> changes = new ArrayList<>(serverChanges);
    changes.addAll(domainWrites.changes());
    changes.addAll(accountWrites.changes());
    long version = changes.isEmpty() ? head : feed.bump(changes.size());
    long first = version - changes.size() + 1;
    domainWrites.write(routes, first + serverChanges.size());
    accountWrites.write(routes, first + serverChanges.size() + domainWrites.changes().size());
    if (changes.isEmpty()) {
      return new Result(List.of(), head);
    }
    int n = changes.size();
    Long[] versions = new Long[n];
    String[] kinds = new String[n];
    String[] keys = new String[n];
    Integer[] servers = new Integer[n];
    Integer[] previous = new Integer[n];
    String[] previousUsers = new String[n];
    for (int i = 0; i < n; i++) {
      RouteChange c = changes.get(i);
      versions[i] = first + i;
      kinds[i] = c.kind();
      keys[i] = c.key();
      servers[i] = c.serverId();
      previous[i] = c.previousServerId();
      previousUsers[i] = c.previousUsername();
    }
    feed.log(versions, kinds, keys, servers, previous, previousUsers);
    feed.notifyRoutes(Long.toString(version));
    return new Result(List.copyOf(changes), version);
  }

  private static List<Candidate> domainClaims(Handle h, List<String> keys) {
    return keys.isEmpty() ? List.of() : h.attach(RouteDao.class).domainCandidates(keys.toArray(String[]::new));
  }

  private static List<CurrentRoute> domainRoutes(Handle h, List<String> keys) {
    return keys.isEmpty() ? List.of() : h.attach(RouteDao.class).domainRoutes(keys.toArray(String[]::new));
  }

  private static Map<String, CurrentRoute> byKey(List<CurrentRoute> routes) {
    Map<String, CurrentRoute> m = new HashMap<>(routes.size() * 2);
    routes.forEach(r -> m.put(r.key(), r));
    return m;
  }

  private static List<String> sorted(Collection<String> keys) {
    return keys.stream().distinct().sorted().toList();
  }
}
