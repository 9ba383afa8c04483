package io.cphub.registry.audit;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code audit} table (append-only). Attach to a handle. */
@RegisterConstructorMapper(AuditEntry.class)
interface AuditDao {
  @SqlUpdate("INSERT INTO audit (at, actor_kind, actor, action, target, reason, detail) "
      + "VALUES (:at, :actorKind, :actor, :action, :target, :reason, :detail::jsonb)")
  void insert(OffsetDateTime at, String actorKind, String actor, String action, String target, String reason,
      String detail);

  @SqlQuery("SELECT id, at, actor_kind, actor, action, target, reason, detail::text AS detail FROM audit "
      + "WHERE at >= :since ORDER BY id DESC LIMIT :limit")
  List<AuditEntry> since(OffsetDateTime since, int limit);
}
