package io.cphub.registry.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code contest} rows and their maintained {@code contest_count}. */
@RegisterConstructorMapper(ContestRow.class)
public interface ContestDao {
  @SqlQuery("SELECT key, since FROM contest WHERE kind = :kind AND key = ANY(:keys::text[])")
  List<ContestRow> rows(String kind, String[] keys);

  @SqlUpdate("DELETE FROM contest WHERE kind = :kind AND key = ANY(:keys::text[])")
  int delete(String kind, String[] keys);

  @SqlUpdate("INSERT INTO contest (kind, key, since) "
      + "SELECT :kind, k, s FROM unnest(:keys::text[], :sinces::timestamptz[]) AS t(k, s) "
      + "ON CONFLICT (kind, key) DO UPDATE SET since = excluded.since")
  int upsert(String kind, String[] keys, String[] sinces);

  @SqlUpdate("UPDATE contest_count SET contests = contests + :delta WHERE id = 1")
  int adjustCount(long delta);

  /** The maintained number of open contests: one row, however many there are. */
  @SqlQuery("SELECT contests FROM contest_count WHERE id = 1")
  long count();

  /** When the oldest open contest began (an index lookup), or null when none is open. */
  @SqlQuery("SELECT min(since) FROM contest")
  Instant oldest();
}
