package io.cphub.registry.routes;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Pins and the conflict lists. */
@RegisterConstructorMapper(ConflictRow.class)
public interface RouteQueries {
  @SqlQuery("SELECT c.domain AS key, s.name AS server, s.state AS server_state, c.username AS account, c.kind, "
      + "a.suspended, c.first_seen, rs.name AS winner, ps.name AS pinned "
      + "FROM domain_claim c "
      + "JOIN account a ON a.server_id = c.server_id AND a.username = c.username "
      + "JOIN server s ON s.id = c.server_id "
      + "LEFT JOIN route r ON r.domain = c.domain LEFT JOIN server rs ON rs.id = r.server_id "
      + "LEFT JOIN pin p ON p.kind = 'domain' AND p.key = c.domain LEFT JOIN server ps ON ps.id = p.server_id "
      + "WHERE c.domain IN (SELECT domain FROM domain_claim GROUP BY domain HAVING count(*) > 1) "
      + "ORDER BY c.domain, c.first_seen DESC, s.name")
  List<ConflictRow> conflicts();

  /** Usernames with an account on more than one server (bare-username logins reach only one). */
  @SqlQuery("SELECT a.username AS key, s.name AS server, s.state AS server_state, a.primary_domain AS account, "
      + "'account' AS kind, a.suspended, a.first_seen, rs.name AS winner, ps.name AS pinned "
      + "FROM account a JOIN server s ON s.id = a.server_id "
      + "LEFT JOIN account_route r ON r.username = a.username LEFT JOIN server rs ON rs.id = r.server_id "
      + "LEFT JOIN pin p ON p.kind = 'account' AND p.key = a.username LEFT JOIN server ps ON ps.id = p.server_id "
      + "WHERE a.username IN (SELECT username FROM account GROUP BY username HAVING count(*) > 1) "
      + "ORDER BY a.username, a.first_seen DESC, s.name")
  List<ConflictRow> accountConflicts();

  /** Sets the pin of a domain ({@code kind} 'domain') or a username ('account'). */
  @SqlUpdate("INSERT INTO pin (kind, key, server_id, reason, created_at) "
      + "VALUES (:kind, :key, :serverId, :reason, :now) "
      + "ON CONFLICT (kind, key) DO UPDATE SET server_id = excluded.server_id, reason = excluded.reason, "
      + "created_at = excluded.created_at")
  int pin(String kind, String key, int serverId, String reason, OffsetDateTime now);

  @SqlUpdate("DELETE FROM pin WHERE kind = :kind AND key = :key")
  int unpin(String kind, String key);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM account WHERE server_id = :serverId AND username = :username)")
  boolean hasAccount(int serverId, String username);
}
