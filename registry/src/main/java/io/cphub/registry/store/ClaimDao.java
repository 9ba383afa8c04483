package io.cphub.registry.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code account} and {@code domain_claim} tables of one server, read whole and written
 * set-based (arrays through {@code unnest}), never row by row.
 */
@RegisterConstructorMapper(AccountRow.class)
@RegisterConstructorMapper(ClaimRow.class)
public interface ClaimDao {
  @SqlQuery("SELECT username, primary_domain, owner, suspended, first_seen FROM account WHERE server_id = :serverId")
  List<AccountRow> accounts(int serverId);

  @SqlQuery("SELECT username, primary_domain, owner, suspended, first_seen FROM account "
      + "WHERE server_id = :serverId AND username = :username")
  List<AccountRow> account(int serverId, String username);

  @SqlQuery("SELECT domain, username, kind, first_seen FROM domain_claim WHERE server_id = :serverId")
  List<ClaimRow> claims(int serverId);

  @SqlQuery("SELECT domain, username, kind, first_seen FROM domain_claim "
      + "WHERE server_id = :serverId AND (username = :username OR domain = ANY(:domains::text[]))")
  List<ClaimRow> claimsTouching(int serverId, String username, String[] domains);

  @SqlUpdate("DELETE FROM domain_claim WHERE server_id = :serverId AND domain = ANY(:domains::text[])")
  int deleteClaims(int serverId, String[] domains);

  @SqlUpdate("DELETE FROM account WHERE server_id = :serverId AND username = ANY(:usernames::text[])")
  int deleteAccounts(int serverId, String[] usernames);

  @SqlUpdate("INSERT INTO account (server_id, username, primary_domain, owner, suspended, first_seen, updated_at) "
      + "SELECT :serverId, u, p, o, s, f, :now "
      + "FROM unnest(:usernames::text[], :primaryDomains::text[], :owners::text[], :suspended::boolean[], "
      + ":firstSeen::timestamptz[]) AS t(u, p, o, s, f) "
      + "ON CONFLICT (server_id, username) DO UPDATE SET primary_domain = excluded.primary_domain, "
      + "owner = excluded.owner, suspended = excluded.suspended, updated_at = excluded.updated_at")
  int upsertAccounts(int serverId, String[] usernames, String[] primaryDomains, String[] owners,
      Boolean[] suspended, String[] firstSeen, OffsetDateTime now);

  @SqlUpdate("INSERT INTO domain_claim (domain, server_id, username, kind, first_seen) "
      + "SELECT d, :serverId, u, k, f "
      + "FROM unnest(:domains::text[], :usernames::text[], :kinds::text[], :firstSeen::timestamptz[]) AS t(d, u, k, f) "
      + "ON CONFLICT (domain, server_id) DO UPDATE SET username = excluded.username, kind = excluded.kind")
  int upsertClaims(int serverId, String[] domains, String[] usernames, String[] kinds, String[] firstSeen);

  @SqlQuery("SELECT domain FROM domain_claim WHERE server_id = :serverId AND domain NOT LIKE '*%'")
  List<String> routableDomains(int serverId);

  @SqlQuery("SELECT username FROM account WHERE server_id = :serverId")
  List<String> usernames(int serverId);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM domain_claim WHERE server_id = :serverId AND domain = :domain)")
  boolean hasClaim(int serverId, String domain);
}
