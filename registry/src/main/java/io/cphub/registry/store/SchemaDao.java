package io.cphub.registry.store;

import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Flyway's record of the applied migrations (read-only; the migrate command writes it). */
interface SchemaDao {
  @SqlQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")
  List<String> appliedVersions();
}
