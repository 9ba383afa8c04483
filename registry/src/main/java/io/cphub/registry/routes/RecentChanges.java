package io.cphub.registry.routes;

import io.cphub.registry.InvalidInputException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The newest rows of the change feed ({@code change_log}, what the proxies follow), newest first,
 * with server names. Reads one index range of the primary key; never scans the log. Thread-safe.
 */
public final class RecentChanges {
  public static final int MAX_LIMIT = 1000;
  private final Jdbi jdbi;

  public RecentChanges(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The newest {@code limit} rows (1..{@value #MAX_LIMIT}, else 400), newest first. */
  public List<ChangeView> latest(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("invalid_request", "limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
    return jdbi.withExtension(Dao.class, dao -> dao.latest(limit));
  }

  /** The query; a {@code server} row's key is the server id. */
  @RegisterConstructorMapper(ChangeView.class)
  interface Dao {
    @SqlQuery("SELECT l.version, l.kind, l.key, s.name AS server, l.committed_at FROM "
        + "(SELECT * FROM change_log ORDER BY version DESC LIMIT :limit) AS l "
        + "LEFT JOIN server s ON s.id = CASE WHEN l.kind = 'server' THEN l.key::int ELSE l.server_id END "
        + "ORDER BY l.version DESC")
    List<ChangeView> latest(int limit);
  }
}
