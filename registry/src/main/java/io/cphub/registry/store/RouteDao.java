package io.cphub.registry.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The materialised routes, and the claims {@link WinnerRule} chooses from. Plain set-based
 * statements on primary keys and indexes, so their cost does not depend on fresh statistics.
 */
@RegisterConstructorMapper(Candidate.class)
@RegisterConstructorMapper(CurrentRoute.class)
@RegisterConstructorMapper(RouteRow.class)
@RegisterConstructorMapper(DomainState.class)
public interface RouteDao {
  /** Every claim on the given domains, with what the winner rule needs. */
  @SqlQuery("SELECT c.domain AS key, c.server_id, c.username, a.suspended, c.first_seen, "
      + "s.state = 'retired' AS retired, p.server_id AS pinned_server_id, c.transferred "
      + "FROM domain_claim c "
      + "JOIN account a ON a.server_id = c.server_id AND a.username = c.username "
      + "JOIN server s ON s.id = c.server_id "
      + "LEFT JOIN pin p ON p.kind = 'domain' AND p.key = c.domain "
      + "WHERE c.domain = ANY(:domains::text[])")
  List<Candidate> domainCandidates(String[] domains);

  @SqlQuery("SELECT domain AS key, server_id, username, standing_server_id, standing_since FROM route "
      + "WHERE domain = ANY(:domains::text[])")
  List<CurrentRoute> domainRoutes(String[] domains);

  /**
   * The claims of server {@code serverId} alone on the given domains. Pins are not read: they only
   * order two or more claims, and the caller uses these rows only for domains no other server claims.
   */
  @SqlQuery("SELECT c.domain AS key, c.server_id, c.username, a.suspended, c.first_seen, "
      + "s.state = 'retired' AS retired, NULL::integer AS pinned_server_id, c.transferred "
      + "FROM domain_claim c "
      + "JOIN account a ON a.server_id = c.server_id AND a.username = c.username "
      + "JOIN server s ON s.id = c.server_id "
      + "WHERE c.domain = ANY(:domains::text[]) AND c.server_id = :serverId")
  List<Candidate> ownDomainCandidates(String[] domains, int serverId);

  /**
   * In one statement: the current routes of the given domains, and one row per claim on them by a
   * server other than {@code serverId}. Domains with neither produce no row.
   */
  @SqlQuery("SELECT domain AS key, server_id AS route_server_id, username AS route_username, standing_server_id, "
      + "standing_since, false AS contested FROM route WHERE domain = ANY(:domains::text[]) "
      + "UNION ALL "
      + "SELECT domain, NULL, NULL, NULL, NULL, true FROM domain_claim "
      + "WHERE domain = ANY(:domains::text[]) AND server_id <> :serverId")
  List<DomainState> domainStates(String[] domains, int serverId);

  /** Every account with one of the given usernames, on any server, with the server its pin names. */
  @SqlQuery("SELECT a.username AS key, a.server_id, a.username, a.suspended, a.first_seen, "
      + "s.state = 'retired' AS retired, p.server_id AS pinned_server_id, a.transferred "
      + "FROM account a JOIN server s ON s.id = a.server_id "
      + "LEFT JOIN pin p ON p.kind = 'account' AND p.key = a.username "
      + "WHERE a.username = ANY(:usernames::text[])")
  List<Candidate> accountCandidates(String[] usernames);

  @SqlQuery("SELECT username AS key, server_id, NULL::text AS username, standing_server_id, standing_since "
      + "FROM account_route "
      + "WHERE username = ANY(:usernames::text[])")
  List<CurrentRoute> accountRoutes(String[] usernames);

  /** Routes for domains that have none (the caller holds the head lock and read them). */
  @SqlUpdate("INSERT INTO route (domain, server_id, username, version, standing_server_id, standing_since) "
      + "SELECT * FROM unnest(:domains::text[], :serverIds::int[], :usernames::text[], :versions::bigint[], "
      + ":standingIds::int[], :sinces::timestamptz[])")
  int insertRoutes(String[] domains, Integer[] serverIds, String[] usernames, Long[] versions, Integer[] standingIds,
      String[] sinces);

  /** Rewrites routes; a null version keeps the row's (only the standing claim changed). */
  @SqlUpdate("UPDATE route r SET server_id = t.s, username = t.u, version = coalesce(t.v, r.version), "
      + "standing_server_id = t.st, standing_since = t.si "
      + "FROM unnest(:domains::text[], :serverIds::int[], :usernames::text[], :versions::bigint[], "
      + ":standingIds::int[], :sinces::timestamptz[]) AS t(d, s, u, v, st, si) "
      + "WHERE r.domain = t.d")
  int updateRoutes(String[] domains, Integer[] serverIds, String[] usernames, Long[] versions, Integer[] standingIds,
      String[] sinces);

  @SqlUpdate("DELETE FROM route WHERE domain = ANY(:domains::text[])")
  int deleteRoutes(String[] domains);

  @SqlUpdate("INSERT INTO account_route (username, server_id, version, standing_server_id, standing_since) "
      + "SELECT * FROM unnest(:usernames::text[], :serverIds::int[], :versions::bigint[], :standingIds::int[], "
      + ":sinces::timestamptz[])")
  int insertAccountRoutes(String[] usernames, Integer[] serverIds, Long[] versions, Integer[] standingIds,
      String[] sinces);

  /** Rewrites account routes; a null version keeps the row's (only the standing claim changed). */
  @SqlUpdate("UPDATE account_route r SET server_id = t.s, version = coalesce(t.v, r.version), "
      + "standing_server_id = t.st, standing_since = t.si "
      + "FROM unnest(:usernames::text[], :serverIds::int[], :versions::bigint[], :standingIds::int[], "
      + ":sinces::timestamptz[]) AS t(n, s, v, st, si) WHERE r.username = t.n")
  int updateAccountRoutes(String[] usernames, Integer[] serverIds, Long[] versions, Integer[] standingIds,
      String[] sinces);

  @SqlUpdate("DELETE FROM account_route WHERE username = ANY(:usernames::text[])")
  int deleteAccountRoutes(String[] usernames);

  @SqlQuery("SELECT r.domain AS key, s.name AS server, host(s.address) AS address, r.username AS account, r.version "
      + "FROM route r JOIN server s ON s.id = r.server_id WHERE r.domain = :domain")
  Optional<RouteRow> domainRoute(String domain);

  @SqlQuery("SELECT r.username AS key, s.name AS server, host(s.address) AS address, r.username AS account, "
      + "r.version FROM account_route r JOIN server s ON s.id = r.server_id WHERE r.username = :username")
  Optional<RouteRow> accountRoute(String username);

  @SqlQuery("SELECT count(*) FROM route")
  long routeCount();
}
