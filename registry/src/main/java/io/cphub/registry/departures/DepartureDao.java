package io.cphub.registry.departures;

import io.cphub.model.wire.Departure;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads one server's departures from {@code change_log} (V19's previous server): changes whose
 * route was on the server and is now on another one. A removed route (no server) is not a
 * departure: its mailbox went nowhere, so there is no session to end for a move.
 */
@RegisterConstructorMapper(Departure.class)
interface DepartureDao {
  @SqlQuery("SELECT c.version, c.kind, c.key, COALESCE(c.previous_username, c.key) AS account, s.name AS \"to\", "
      + "CASE WHEN c.kind = 'account' THEN NOT EXISTS (SELECT 1 FROM route r "
      + "  WHERE r.server_id = :serverId AND r.username = c.key) END AS whole "
      + "FROM change_log c JOIN server s ON s.id = c.server_id "
      + "WHERE c.previous_server_id = :serverId AND c.version > :after AND c.version <= :head "
      + "AND c.server_id <> :serverId AND c.kind IN ('domain', 'account') "
      + "ORDER BY c.version LIMIT :limit")
  List<Departure> after(int serverId, long after, long head, int limit);

  @SqlQuery("SELECT min(version) FROM change_log")
  Long oldestVersion();
}
