package io.cphub.registry.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The materialised routes and the winner rule. The winner of a domain among the claims of
 * non-retired servers: the pinned server's claim; else a non-suspended account; else the claim
 * first seen most recently; ties by the higher server id. Accounts the same way without pins.
 */
@RegisterConstructorMapper(RouteChange.class)
@RegisterConstructorMapper(RouteRow.class)
public interface RouteDao {
  /** For each given domain (distinct, not wildcards) whose winner differs from its route: the new winner. */
  @SqlQuery("SELECT 'domain' AS kind, d.domain AS key, w.server_id, w.username "
      + "FROM unnest(:domains::text[]) AS d(domain) "
      + "LEFT JOIN LATERAL ("
      + "  SELECT c.server_id, c.username FROM domain_claim c "
      + "  JOIN account a ON a.server_id = c.server_id AND a.username = c.username "
      + "  JOIN server s ON s.id = c.server_id "
      + "  LEFT JOIN pin p ON p.kind = 'domain' AND p.key = c.domain "
      + "  WHERE c.domain = d.domain AND s.state <> 'retired' "
      + "  ORDER BY (p.server_id IS NOT NULL AND p.server_id = c.server_id) DESC, a.suspended, "
      + "    c.first_seen DESC, c.server_id DESC LIMIT 1) w ON true "
      + "LEFT JOIN route r ON r.domain = d.domain "
      + "WHERE w.server_id IS DISTINCT FROM r.server_id OR w.username IS DISTINCT FROM r.username "
      + "ORDER BY d.domain")
  List<RouteChange> domainWinnerChanges(String[] domains);

  /** For each given username (distinct) whose winner differs from its account route: the new winner. */
  @SqlQuery("SELECT 'account' AS kind, u.username AS key, w.server_id, NULL AS username "
      + "FROM unnest(:usernames::text[]) AS u(username) "
      + "LEFT JOIN LATERAL ("
      + "  SELECT a.server_id FROM account a JOIN server s ON s.id = a.server_id "
      + "  WHERE a.username = u.username AND s.state <> 'retired' "
      + "  ORDER BY a.suspended, a.first_seen DESC, a.server_id DESC LIMIT 1) w ON true "
      + "LEFT JOIN account_route r ON r.username = u.username "
      + "WHERE w.server_id IS DISTINCT FROM r.server_id "
      + "ORDER BY u.username")
  List<RouteChange> accountWinnerChanges(String[] usernames);

  @SqlUpdate("INSERT INTO route (domain, server_id, username, version) "
      + "SELECT * FROM unnest(:domains::text[], :serverIds::int[], :usernames::text[], :versions::bigint[]) "
      + "ON CONFLICT (domain) DO UPDATE SET server_id = excluded.server_id, username = excluded.username, "
      + "version = excluded.version")
  int upsertRoutes(String[] domains, Integer[] serverIds, String[] usernames, Long[] versions);

  @SqlUpdate("DELETE FROM route WHERE domain = ANY(:domains::text[])")
  int deleteRoutes(String[] domains);

  @SqlUpdate("INSERT INTO account_route (username, server_id, version) "
      + "SELECT * FROM unnest(:usernames::text[], :serverIds::int[], :versions::bigint[]) "
      + "ON CONFLICT (username) DO UPDATE SET server_id = excluded.server_id, version = excluded.version")
  int upsertAccountRoutes(String[] usernames, Integer[] serverIds, Long[] versions);

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
