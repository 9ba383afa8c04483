package io.cphub.registry.routes;

import io.cphub.model.wire.PinView;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Pins and the conflict lists. */
@RegisterConstructorMapper(ConflictRow.class)
@RegisterConstructorMapper(PinView.class)
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

  /** Every pin, and whether its server still holds the name and is not retired. */
  @SqlQuery("SELECT p.kind, p.key AS name, s.name AS server, p.reason, p.created_at, "
      + "s.state <> 'retired' AND CASE p.kind "
      + "WHEN 'domain' THEN EXISTS (SELECT 1 FROM domain_claim c WHERE c.domain = p.key AND c.server_id = p.server_id) "
      + "ELSE EXISTS (SELECT 1 FROM account a WHERE a.username = p.key AND a.server_id = p.server_id) END AS active "
      + "FROM pin p JOIN server s ON s.id = p.server_id ORDER BY p.kind, p.key")
  List<PinView> pins();

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
