package io.cphub.proxy.route;

import io.cphub.model.Domain;
import io.cphub.model.Login;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * One immutable version of the whole route table: domain → server, cPanel username → server, and
 * the servers themselves. Routes hold a server id; the server row is looked up separately, so a
 * changed server address is one change. Lookups never lock and allocate nothing. Instances are
 * replaced, never changed: {@link LiveTable} swaps them atomically.
 */
public final class RouteTable {
  /** Where this table came from. */
  public enum Source { EMPTY, FILE, DATABASE }

  private final UUID epoch;
  private final long version;
  private final TrieMap<Integer> domains;
  private final TrieMap<Integer> accounts;
  private final Map<Integer, Backend> servers;
  private final Source source;
  private final Instant loadedAt;
  private final FeedPoint point;

  RouteTable(UUID epoch, long version, TrieMap<Integer> domains, TrieMap<Integer> accounts,
      Map<Integer, Backend> servers, Source source, Instant loadedAt, FeedPoint point) {
    this.epoch = epoch;
    this.version = version;
    this.point = point;
    this.domains = domains;
    this.accounts = accounts;
    this.servers = servers;
    this.source = source;
    this.loadedAt = loadedAt;
  }

  /** A table with no routes, before anything was loaded. */
  public static RouteTable empty(Instant now) {
    return new RouteTable(new UUID(0, 0), 0, TrieMap.empty(), TrieMap.empty(), Map.of(), Source.EMPTY, now,
        FeedPoint.UNKNOWN);
  }

  /** A table from plain maps (tools and tests); routes to unknown servers are kept but resolve to null. */
  public static RouteTable of(UUID epoch, long version, Map<String, Integer> domains, Map<String, Integer> accounts,
      java.util.Collection<Backend> servers, Source source, Instant at) {
    TableBuilder b = new TableBuilder();
    servers.forEach(b::server);
    domains.forEach(b::domain);
    accounts.forEach(b::account);
    return b.build(epoch, version, source, at);
  }

  /** The server for a normalised domain name, or null. */
  public Backend forDomain(String domain) {
    Integer id = domains.get(domain);
    return id == null ? null : servers.get(id);
  }

  /** The server for a normalised cPanel username, or null. */
  public Backend forAccount(String username) {
    Integer id = accounts.get(username);
    return id == null ? null : servers.get(id);
  }

  /** True when the domain routes somewhere: what autoconfig asks before answering. */
  public boolean hasDomain(Domain domain) {
    return forDomain(domain.name()) != null;
  }

  /**
   * The server a login routes to, or null: {@code local@domain} and {@code local+domain} by domain
   * (the latter only because the domain must be in the table), a bare username by account.
   */
  public Backend route(Login login) {
    Domain d = login.routeDomain();
    if (d != null) {
      return forDomain(d.name());
    }
    return forAccount(((Login.Account) login).username().name());
  }

  public Backend server(int id) {
    return servers.get(id);
  }

  public UUID epoch() {
    return epoch;
  }

  public long version() {
    return version;
  }

  /** Which history this table follows and the change it last applied; {@link FeedPoint#UNKNOWN} if never seen. */
  public FeedPoint point() {
    return point;
  }

  public Source source() {
    return source;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  public int domainCount() {
    return domains.size();
  }

  public int accountCount() {
    return accounts.size();
  }

  public int serverCount() {
    return servers.size();
  }

  public Map<Integer, Backend> servers() {
    return servers;
  }

  public void forEachDomain(BiConsumer<String, Integer> action) {
    domains.forEach(action);
  }

  public void forEachAccount(BiConsumer<String, Integer> action) {
    accounts.forEach(action);
  }

  TrieMap<Integer> domains() {
    return domains;
  }

  TrieMap<Integer> accounts() {
    return accounts;
  }

  RouteTable withSource(Source s, Instant at) {
    return new RouteTable(epoch, version, domains, accounts, servers, s, at, point);
  }

  RouteTable withPoint(FeedPoint p) {
    return new RouteTable(epoch, version, domains, accounts, servers, source, loadedAt, p);
  }

  static Map<Integer, Backend> freeze(Map<Integer, Backend> servers) {
    return Collections.unmodifiableMap(new HashMap<>(servers));
  }
}
