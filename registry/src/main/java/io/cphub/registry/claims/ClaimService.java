package io.cphub.registry.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.Snapshot;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.RegistryException;
import io.cphub.model.Printable;
import io.cphub.registry.store.AccountRow;
import io.cphub.registry.store.ClaimDao;
import io.cphub.registry.store.ClaimRow;
import io.cphub.registry.store.FeedDao;
import io.cphub.registry.store.FeedWriter;
import io.cphub.registry.store.ServerDao;
import io.cphub.registry.store.ServerRow;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a server claims: a full snapshot, or one account put or deleted. Each call is one
 * transaction: lock the server row (one writer per server), read its stored claims, diff in
 * memory, refuse a mass removal, write the claim changes set-based, then let {@link FeedWriter}
 * recompute the affected winners. An unchanged push only records the sync time and agent state.
 * Thread-safe.
 */
public final class ClaimService {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimService.class);
  private final Jdbi jdbi;
  private final Clock clock;
  private final RemovalGuard guard;
  private final FeedWriter feed;

  public ClaimService(Jdbi jdbi, Clock clock, RemovalGuard guard, FeedWriter feed) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.guard = guard;
    this.feed = feed;
  }

  /** Replaces the server's claims with {@code snapshot}; {@code force} lifts the removal guard. */
  public ChangeSummary putSnapshot(String serverName, Snapshot snapshot, boolean force) {
    return putSnapshot(serverName, snapshot, force, (h, summary) -> { });
  }

  /**
   * {@link #putSnapshot(String, Snapshot, boolean)} that also runs {@code inTransaction} with the
   * answer before the commit (an operator-forced snapshot writes its audit row there).
   */
  public ChangeSummary putSnapshot(String serverName, Snapshot snapshot, boolean force,
      BiConsumer<Handle, ChangeSummary> inTransaction) {
    ClaimSet desired = SnapshotNormaliser.normalise(snapshot.accounts());
    String agent = agentJson(snapshot.agent());
    return jdbi.inTransaction(h -> {
      ServerRow server = lock(h, serverName);
      ClaimDao dao = h.attach(ClaimDao.class);
      ClaimSet current = ClaimSet.of(dao.accounts(server.id()), dao.claims(server.id()));
      Instant now = clock.instant();
      ClaimDiff diff = ClaimDiff.between(current, desired, now);
      guard.check(server.name(), current.claims().size(), diff.claimDeletes().size(), force);
      h.attach(ServerDao.class).touchSnapshot(server.id(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      ChangeSummary summary = apply(h, server, diff, now, agent);
      inTransaction.accept(h, summary);
      return summary;
    });
  }

  /** Replaces one account and its domains; a domain another account of this server held moves here. */
  public ChangeSummary putAccount(String serverName, String rawUser, AccountPush push) {
    String user = SnapshotNormaliser.username(rawUser, "path username");
    ClaimSet desired = SnapshotNormaliser.normalise(List.of(push.account()));
    if (!desired.accounts().containsKey(user)) {
      throw new InvalidInputException("invalid_request", "account.username " + Printable.of(push.account().username())
          + " does not match the username in the path " + Printable.of(user));
    }
    String[] domains = desired.claims().keySet().toArray(String[]::new);
    String agent = agentJson(push.agent());
    return jdbi.inTransaction(h -> {
      ServerRow server = lock(h, serverName);
      ClaimDao dao = h.attach(ClaimDao.class);
      ClaimSet current = ClaimSet.of(dao.account(server.id(), user), dao.claimsTouching(server.id(), user, domains));
      Instant now = clock.instant();
      return apply(h, server, ClaimDiff.between(current, desired, now), now, agent);
    });
  }

  /** Removes one account and its domains; an account that is not there changes nothing. */
  public ChangeSummary deleteAccount(String serverName, String rawUser) {
    String user = SnapshotNormaliser.username(rawUser, "path username");
    ClaimSet desired = ClaimSet.of(List.of(), List.of());
    return jdbi.inTransaction(h -> {
      ServerRow server = lock(h, serverName);
      ClaimDao dao = h.attach(ClaimDao.class);
      ClaimSet current = ClaimSet.of(dao.account(server.id(), user),
          dao.claimsTouching(server.id(), user, new String[0]));
      Instant now = clock.instant();
      return apply(h, server, ClaimDiff.between(current, desired, now), now, null);
    });
  }

  private ChangeSummary apply(Handle h, ServerRow server, ClaimDiff diff, Instant now, String agent) {
    OffsetDateTime ts = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    h.attach(ServerDao.class).touchSync(server.id(), ts, agent);
    if (diff.isEmpty()) {
      FeedDao feed = h.attach(FeedDao.class);
      return new ChangeSummary(0, 0, 0, 0, 0, feed.version(), feed.identity());
    }
    ClaimDao dao = h.attach(ClaimDao.class);
    int id = server.id();
    List<AccountRow> added = diff.accountInserts();
    if (!added.isEmpty()) {
      dao.insertAccounts(id, strings(added, AccountRow::username), strings(added, AccountRow::primaryDomain),
          strings(added, AccountRow::owner), added.stream().map(AccountRow::suspended).toArray(Boolean[]::new),
          strings(added, a -> a.firstSeen().toString()), ts,
          added.stream().map(AccountRow::transferred).toArray(Boolean[]::new));
    }
    List<AccountRow> changed = diff.accountUpdates();
    if (!changed.isEmpty()) {
      dao.updateAccounts(id, strings(changed, AccountRow::username), strings(changed, AccountRow::primaryDomain),
          strings(changed, AccountRow::owner), changed.stream().map(AccountRow::suspended).toArray(Boolean[]::new), ts);
    }
    List<ClaimRow> newClaims = diff.claimInserts();
    if (!newClaims.isEmpty()) {
      dao.insertClaims(id, strings(newClaims, ClaimRow::domain), strings(newClaims, ClaimRow::username),
          strings(newClaims, ClaimRow::kind), strings(newClaims, c -> c.firstSeen().toString()),
          newClaims.stream().map(ClaimRow::transferred).toArray(Boolean[]::new));
    }
    List<ClaimRow> movedClaims = diff.claimUpdates();
    if (!movedClaims.isEmpty()) {
      dao.updateClaims(id, strings(movedClaims, ClaimRow::domain), strings(movedClaims, ClaimRow::username),
          strings(movedClaims, ClaimRow::kind));
    }
    if (!diff.claimDeletes().isEmpty()) {
      dao.deleteClaims(id, diff.claimDeletes().toArray(String[]::new));
    }
    if (!diff.accountDeletes().isEmpty()) {
      dao.deleteAccounts(id, diff.accountDeletes().toArray(String[]::new));
    }
    FeedWriter.Result r = feed.recomputeForServer(h, id, diff.affectedDomains(), diff.affectedUsers());
    ChangeSummary summary = new ChangeSummary(added.size() + changed.size(), diff.accountDeletes().size(),
        newClaims.size(), diff.claimDeletes().size(), r.changes().size(), r.version(),
        h.attach(FeedDao.class).identity());
    LOG.info("server {}: {}", server.name(), summary);
    return summary;
  }

  private static <T> String[] strings(List<T> rows, java.util.function.Function<T, String> column) {
    String[] out = new String[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = column.apply(rows.get(i));
    }
    return out;
  }

  static ServerRow lock(Handle h, String serverName) {
    return h.attach(ServerDao.class).lockByName(serverName)
        .orElseThrow(() -> new NotFoundException("unknown_server", "no server named " + Printable.of(serverName)));
  }

  private static String agentJson(AgentState agent) {
    if (agent == null) {
      return null;
    }
    try {
      return Json.mapper().writeValueAsString(agent);
    } catch (JsonProcessingException e) {
      throw new RegistryException("cannot encode agent state", e);
    }
  }
}
