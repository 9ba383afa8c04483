package io.cphub.registry.operators;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code operator} table. Attach to a handle. */
@RegisterConstructorMapper(OperatorView.class)
interface OperatorDao {
  @SqlUpdate("INSERT INTO operator (name, token_hash, created_at) VALUES (:name, :tokenHash, :now) "
      + "ON CONFLICT (name) DO NOTHING")
  int insert(String name, byte[] tokenHash, OffsetDateTime now);

  @SqlQuery("SELECT name, created_at, revoked_at FROM operator ORDER BY name")
  List<OperatorView> list();

  @SqlUpdate("UPDATE operator SET revoked_at = :now WHERE name = :name AND revoked_at IS NULL")
  int revoke(String name, OffsetDateTime now);

  @SqlQuery("SELECT name FROM operator WHERE token_hash = :tokenHash AND revoked_at IS NULL")
  Optional<String> nameByTokenHash(byte[] tokenHash);
}
