package io.cphub.registry.bans;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The {@code ban} table (written by the proxies, migration V10). The lift is the statement the
 * proxy's {@code bans lift} runs ({@code proxy/.../abuse/lift.sql}): it NOTIFYs {@code cphub_bans}
 * with the row id, so every proxy drops the ban when the transaction commits.
 */
@RegisterConstructorMapper(BanView.class)
interface BanDao {
  String COLUMNS = "id, kind, key, reason, failures, attempts, offences, created_at, expires_at, created_by, "
      + "lifted_at, lifted_by";

  /** Bans in force at {@code now} (with {@code all}, also ended and lifted ones), latest expiry first. */
  @SqlQuery("SELECT " + COLUMNS + ", CASE WHEN lifted_at IS NOT NULL THEN 'lifted' WHEN expires_at > :now "
      + "THEN 'in_force' ELSE 'ended' END AS state FROM ban "
      + "WHERE :all OR (lifted_at IS NULL AND expires_at > :now) ORDER BY expires_at DESC, id DESC LIMIT :limit")
  List<BanView> list(OffsetDateTime now, boolean all, int limit);

  /** Lifts the ban in force on a target and NOTIFYs the proxies; empty when none is in force. */
  @SqlQuery("WITH l AS (UPDATE ban SET lifted_at = :now, lifted_by = :by "
      + "WHERE kind = :kind AND key = cphub_canonical_ban_key(:kind, :key) AND lifted_at IS NULL AND expires_at > :now "
      + "RETURNING " + COLUMNS + ") "
      + "SELECT l.*, 'lifted' AS state, pg_notify('cphub_bans', l.id::text) AS notified FROM l")
  Optional<BanView> lift(String kind, String key, OffsetDateTime now, String by);
}
