package io.cphub.registry.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code server} table. Attach to a handle; not thread-safe beyond the handle's own rules. */
@RegisterConstructorMapper(ServerRow.class)
public interface ServerDao {
  String COLUMNS = "id, name, host(address) AS address, imap_port, pop3_port, smtp_port, state, "
      + "last_sync_at, agent_state::text AS agent_state, last_snapshot_at";

  @SqlQuery("SELECT " + COLUMNS + " FROM server ORDER BY name")
  List<ServerRow> list();

  @SqlQuery("SELECT " + COLUMNS + " FROM server WHERE name = :name")
  Optional<ServerRow> byName(String name);

  @SqlQuery("SELECT " + COLUMNS + " FROM server WHERE id = :id")
  Optional<ServerRow> byId(int id);

  /** The server whose current token, or rotated-out token still in its grace period, has this hash. */
  @SqlQuery("SELECT " + COLUMNS + " FROM server WHERE token_hash = :tokenHash "
      + "OR (old_token_hash = :tokenHash AND old_token_expires_at > :now)")
  Optional<ServerRow> byTokenHash(byte[] tokenHash, OffsetDateTime now);

  @SqlQuery("SELECT token_hash IS NOT NULL FROM server WHERE id = :id")
  boolean hasToken(int id);

  /** A new current token; the previous one (if any) keeps working until {@code oldExpires}. */
  @SqlUpdate("UPDATE server SET old_token_hash = token_hash, "
      + "old_token_expires_at = CASE WHEN token_hash IS NULL THEN NULL ELSE :oldExpires END, "
      + "token_hash = :tokenHash WHERE id = :id")
  int rotateToken(int id, byte[] tokenHash, OffsetDateTime oldExpires);

  /** Ends every token of the server at once. */
  @SqlUpdate("UPDATE server SET token_hash = NULL, old_token_hash = NULL, old_token_expires_at = NULL WHERE id = :id")
  int revokeTokens(int id);

  /** Locks the row against concurrent writes of the same server; FK checks of routes still pass. */
  @SqlQuery("SELECT " + COLUMNS + " FROM server WHERE name = :name FOR NO KEY UPDATE")
  Optional<ServerRow> lockByName(String name);

  @SqlQuery("INSERT INTO server (name, address, imap_port, pop3_port, smtp_port, token_hash, created_at) "
      + "VALUES (:name, :address::inet, :imapPort, :pop3Port, :smtpPort, :tokenHash, :now) "
      + "ON CONFLICT (name) DO NOTHING RETURNING id")
  Optional<Integer> insert(String name, String address, Integer imapPort, Integer pop3Port, Integer smtpPort,
      byte[] tokenHash, OffsetDateTime now);

  @SqlUpdate("UPDATE server SET state = :state, address = :address::inet, imap_port = :imapPort, "
      + "pop3_port = :pop3Port, smtp_port = :smtpPort WHERE id = :id")
  int update(int id, String state, String address, Integer imapPort, Integer pop3Port, Integer smtpPort);

  @SqlUpdate("UPDATE server SET last_sync_at = :now, agent_state = COALESCE(:agentState::jsonb, agent_state) "
      + "WHERE id = :id")
  int touchSync(int id, OffsetDateTime now, String agentState);

  @SqlUpdate("UPDATE server SET last_snapshot_at = :now WHERE id = :id")
  int touchSnapshot(int id, OffsetDateTime now);

  /**
   * Every enrolled server's name, state, time of its last accepted full snapshot (null: never),
   * and the DNS progress its agent last reported (null: none).
   */
  @SqlQuery("SELECT name, state::text AS state, last_snapshot_at, "
      + "(agent_state->'dns'->>'done')::int AS dns_done, (agent_state->'dns'->>'skipped')::int AS dns_skipped, "
      + "(agent_state->'dns'->>'failed')::int AS dns_failed, (agent_state->'dns'->>'pending')::int AS dns_pending "
      + "FROM server ORDER BY name")
  @RegisterConstructorMapper(SnapshotTime.class)
  java.util.List<SnapshotTime> snapshotTimes();

  /** One row of {@link #snapshotTimes}. */
  record SnapshotTime(String name, String state, java.time.Instant lastSnapshotAt, Integer dnsDone,
      Integer dnsSkipped, Integer dnsFailed, Integer dnsPending) {}
}
