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
  @SqlQuery("SELECT username, primary_domain, owner, suspended, first_seen, transferred FROM account WHERE server_id = :serverId")
  List<AccountRow> accounts(int serverId);

  @SqlQuery("SELECT username, primary_domain, owner, suspended, first_seen, transferred FROM account "
      + "WHERE server_id = :serverId AND username = :username")
  List<AccountRow> account(int serverId, String username);

  @SqlQuery("SELECT domain, username, kind, first_seen, transferred FROM domain_claim WHERE server_id = :serverId")
  List<ClaimRow> claims(int serverId);

  @SqlQuery("SELECT domain, username, kind, first_seen, transferred FROM domain_claim "
      + "WHERE server_id = :serverId AND (username = :username OR domain = ANY(:domains::text[]))")
  List<ClaimRow> claimsTouching(int serverId, String username, String[] domains);

  @SqlUpdate("DELETE FROM domain_claim WHERE server_id = :serverId AND domain = ANY(:domains::text[])")
  int deleteClaims(int serverId, String[] domains);

  @SqlUpdate("DELETE FROM account WHERE server_id = :serverId AND username = ANY(:usernames::text[])")
  int deleteAccounts(int serverId, String[] usernames);

  /** New accounts only: the caller holds the server row lock and knows they are absent. */
  @SqlUpdate("INSERT INTO account (server_id, username, primary_domain, owner, suspended, first_seen, updated_at, "
      + "transferred) SELECT :serverId, u, p, o, s, f, :now, x "
      + "FROM unnest(:usernames::text[], :primaryDomains::text[], :owners::text[], :suspended::boolean[], "
      + ":firstSeen::timestamptz[], :transferred::boolean[]) AS t(u, p, o, s, f, x)")
  int insertAccounts(int serverId, String[] usernames, String[] primaryDomains, String[] owners,
      Boolean[] suspended, String[] firstSeen, OffsetDateTime now, Boolean[] transferred);

  @SqlUpdate("UPDATE account a SET primary_domain = t.p, owner = t.o, suspended = t.s, updated_at = :now "
      + "FROM unnest(:usernames::text[], :primaryDomains::text[], :owners::text[], :suspended::boolean[]) "
      + "AS t(u, p, o, s) WHERE a.server_id = :serverId AND a.username = t.u")
  int updateAccounts(int serverId, String[] usernames, String[] primaryDomains, String[] owners,
      Boolean[] suspended, OffsetDateTime now);

  /** New claims only: the caller holds the server row lock and knows they are absent. */
  @SqlUpdate("INSERT INTO domain_claim (domain, server_id, username, kind, first_seen, transferred) "
      + "SELECT d, :serverId, u, k, f, x "
      + "FROM unnest(:domains::text[], :usernames::text[], :kinds::text[], :firstSeen::timestamptz[], "
      + ":transferred::boolean[]) AS t(d, u, k, f, x)")
  int insertClaims(int serverId, String[] domains, String[] usernames, String[] kinds, String[] firstSeen,
      Boolean[] transferred);

  @SqlUpdate("UPDATE domain_claim c SET username = t.u, kind = t.k "
      + "FROM unnest(:domains::text[], :usernames::text[], :kinds::text[]) AS t(d, u, k) "
      + "WHERE c.server_id = :serverId AND c.domain = t.d")
  int updateClaims(int serverId, String[] domains, String[] usernames, String[] kinds);

  @SqlQuery("SELECT domain FROM domain_claim WHERE server_id = :serverId AND domain NOT LIKE '*%'")
  List<String> routableDomains(int serverId);

  @SqlQuery("SELECT username FROM account WHERE server_id = :serverId")
  List<String> usernames(int serverId);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM domain_claim WHERE server_id = :serverId AND domain = :domain)")
  boolean hasClaim(int serverId, String domain);
}
