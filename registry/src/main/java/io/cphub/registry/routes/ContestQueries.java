package io.cphub.registry.routes;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The open contests with their claims: the standing one first, then newcomers by first seen. */
@RegisterConstructorMapper(ContestRow.class)
public interface ContestQueries {
  @SqlQuery("SELECT ct.key, ct.since, c.server_id = r.standing_server_id AS standing, r.standing_since, "
      + "s.name AS server, c.username AS account, c.kind, a.suspended, c.first_seen, c.transferred "
      + "FROM contest ct JOIN route r ON r.domain = ct.key "
      + "JOIN domain_claim c ON c.domain = ct.key "
      + "AND (c.server_id = r.standing_server_id OR c.first_seen > r.standing_since) "
      + "JOIN account a ON a.server_id = c.server_id AND a.username = c.username "
      + "JOIN server s ON s.id = c.server_id AND s.state <> 'retired' "
      + "WHERE ct.kind = 'domain' ORDER BY ct.since, ct.key, standing DESC, c.first_seen, s.name")
  List<ContestRow> domains();

  @SqlQuery("SELECT ct.key, ct.since, a.server_id = r.standing_server_id AS standing, r.standing_since, "
      + "s.name AS server, a.primary_domain AS account, 'account' AS kind, a.suspended, a.first_seen, a.transferred "
      + "FROM contest ct JOIN account_route r ON r.username = ct.key "
      + "JOIN account a ON a.username = ct.key "
      + "AND (a.server_id = r.standing_server_id OR a.first_seen > r.standing_since) "
      + "JOIN server s ON s.id = a.server_id AND s.state <> 'retired' "
      + "WHERE ct.kind = 'account' ORDER BY ct.since, ct.key, standing DESC, a.first_seen, s.name")
  List<ContestRow> accounts();
}
