package io.cphub.proxy.route;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a {@link RouteTable}, either from scratch (snapshot, file) or from an existing table plus
 * change-log rows. Server ids are interned so every route to a server shares one Integer. Not
 * thread-safe: one builder per load, owned by the feed thread.
 */
final class TableBuilder {
  private final Map<Integer, Integer> ids = new HashMap<>();
  private TrieMap<Integer> domains;
  private TrieMap<Integer> accounts;
  private Map<Integer, Backend> servers;

  TableBuilder() {
    this(TrieMap.empty(), TrieMap.empty(), Map.of());
  }

  private TableBuilder(TrieMap<Integer> domains, TrieMap<Integer> accounts, Map<Integer, Backend> servers) {
    this.domains = domains;
    this.accounts = accounts;
    this.servers = new HashMap<>(servers);
  }

  static TableBuilder from(RouteTable t) {
    return new TableBuilder(t.domains(), t.accounts(), t.servers());
  }

  void server(Backend b) {
    servers.put(b.id(), b);
  }

  void replaceServers(Map<Integer, Backend> all) {
    servers = new HashMap<>(all);
  }

  boolean knowsServer(int id) {
    return servers.containsKey(id);
  }

  void domain(String domain, int serverId) {
    domains = domains.put(domain, intern(serverId));
  }

  void account(String username, int serverId) {
    accounts = accounts.put(username, intern(serverId));
  }

  /** Applies change-log rows in order; server rows must already be current. */
  void apply(List<Change> changes) {
    for (Change c : changes) {
      switch (c.kind()) {
        case "domain" -> domains = c.serverId() == null ? domains.remove(c.key()) : domains.put(c.key(), intern(c.serverId()));
        case "account" -> accounts = c.serverId() == null ? accounts.remove(c.key()) : accounts.put(c.key(), intern(c.serverId()));
        case "server" -> { }
        default -> throw new FeedException("change_log version " + c.version() + " has unknown kind '" + c.kind() + "'");
      }
    }
  }

  RouteTable build(UUID epoch, long version, RouteTable.Source source, Instant at) {
    return build(epoch, version, source, at, FeedPoint.UNKNOWN);
  }

  RouteTable build(UUID epoch, long version, RouteTable.Source source, Instant at, FeedPoint point) {
    return new RouteTable(epoch, version, domains, accounts, RouteTable.freeze(servers), source, at, point);
  }

  private Integer intern(int id) {
    return ids.computeIfAbsent(id, k -> k);
  }
}
