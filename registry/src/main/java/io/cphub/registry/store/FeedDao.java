package io.cphub.registry.store;

import java.time.OffsetDateTime;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The single-row {@code feed_head} and the {@code change_log}. */
public interface FeedDao {
  /** Takes the head row lock: from here to commit, route-changing writers run one at a time. */
  @SqlQuery("SELECT version FROM feed_head WHERE id = 1 FOR UPDATE")
  long lockHead();

  @SqlQuery("SELECT version FROM feed_head WHERE id = 1")
  long version();

  /** Which history this database holds (V16): changes on promotion, restore or copy. */
  @SqlQuery("SELECT cphub_feed_identity()")
  String identity();

  @SqlQuery("UPDATE feed_head SET version = version + :n WHERE id = 1 RETURNING version")
  long bump(int n);

  @SqlUpdate("INSERT INTO change_log (version, kind, key, server_id, previous_server_id, previous_username, "
      + "committed_at) SELECT v, k, key, s, ps, pu, now() FROM unnest(:versions::bigint[], :kinds::text[], "
      + ":keys::text[], :serverIds::int[], :previousIds::int[], :previousUsers::text[]) AS t(v, k, key, s, ps, pu)")
  int log(Long[] versions, String[] kinds, String[] keys, Integer[] serverIds, Integer[] previousIds,
      String[] previousUsers);

  /**
   * Deletes change-log rows committed before {@code cutoff}. The feed head is left as it is, so a
   * proxy whose version is older than the oldest remaining row sees the gap and reloads.
   */
  @SqlUpdate("DELETE FROM change_log WHERE committed_at < :cutoff")
  int prune(@Bind("cutoff") OffsetDateTime cutoff);

  @SqlQuery("SELECT count(*) FROM (SELECT pg_notify('cphub_routes', :payload)) AS n")
  int notifyRoutes(String payload);
}
