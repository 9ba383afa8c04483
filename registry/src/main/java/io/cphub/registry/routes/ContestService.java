package io.cphub.registry.routes;

import io.cphub.model.Printable;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.audit.Audit;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Contest;
import io.cphub.model.wire.DecideRequest;
import io.cphub.registry.ConflictException;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.servers.ServerService;
import io.cphub.registry.store.ClaimDao;
import io.cphub.registry.store.FeedWriter;
import io.cphub.registry.store.RouteChange;
import io.cphub.registry.store.ServerDao;
import io.cphub.registry.store.ServerRow;
import io.cphub.registry.store.WinnerRule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open contests and operator decisions. {@link #decide} is the one place a decision is made (the
 * HTTP API and the CLI both call it): the chosen claim becomes the standing claim from now, so
 * claims seen before no longer wait and transfer evidence older than the decision no longer takes
 * over; no pin is written. A decision the rule would overturn at once (the chosen account is
 * suspended while another is not) or that a pin overrides is refused and changes nothing. Each
 * decision is written to the audit log in its own transaction.
 * Thread-safe.
 */
public final class ContestService {
  private static final Logger LOG = LoggerFactory.getLogger(ContestService.class);
  private final Jdbi jdbi;
  private final Clock clock;
  private final FeedWriter feed;
  private final Audit audit;

  public ContestService(Jdbi jdbi, Clock clock, FeedWriter feed, Audit audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.feed = feed;
    this.audit = audit;
  }

  /** Every open contest, domains first, each oldest first. */
  public List<Contest> contests() {
    List<Contest> out = new ArrayList<>();
    jdbi.useExtension(ContestQueries.class, q -> {
      out.addAll(group(RouteChange.DOMAIN, q.domains()));
      out.addAll(group(RouteChange.ACCOUNT, q.accounts()));
    });
    return out;
  }

  /** Decides the contest over a domain for the claim of {@code req.server()}. */
  public ChangeSummary decide(String rawDomain, DecideRequest req, Actor actor) {
    return decide(RouteChange.DOMAIN, RouteService.routableDomain(rawDomain), req, actor);
  }

  /** Decides the contest over a cPanel username (bare-username logins) for the account on {@code req.server()}. */
  public ChangeSummary decideAccount(String rawUsername, DecideRequest req, Actor actor) {
    return decide(RouteChange.ACCOUNT, RouteService.username(rawUsername), req, actor);
  }

  private ChangeSummary decide(String kind, String key, DecideRequest req, Actor actor) {
    String reason = req.reason().strip();
    if (reason.isEmpty() || reason.length() > RouteService.MAX_REASON || reason.chars().anyMatch(c -> c < 0x20)) {
      throw new InvalidInputException("invalid_request",
          "reason must be 1-" + RouteService.MAX_REASON + " printable characters");
    }
    String serverName = ServerService.serverName(req.server());
    FeedWriter.Result r = jdbi.inTransaction(h -> {
      ServerRow server = h.attach(ServerDao.class).byName(serverName)
          .orElseThrow(() -> new NotFoundException("unknown_server", "no server named " + Printable.of(req.server())));
      if (server.state().equals("retired")) {
        throw new ConflictException("server_retired", "claims of retired server " + server.name() + " never route");
      }
      boolean holds = kind.equals(RouteChange.DOMAIN) ? h.attach(ClaimDao.class).hasClaim(server.id(), key)
          : h.attach(RouteQueries.class).hasAccount(server.id(), key);
      if (!holds) {
        throw new ConflictException("not_claimed", server.name() + (kind.equals(RouteChange.DOMAIN)
            ? " does not claim " : " has no account ") + key + "; a decision chooses among the servers that hold it");
      }
      FeedWriter.Decision d = feed.decide(h, kind, key, server.id(), clock.instant());
      WinnerRule.Verdict v = d.verdict();
      if (v.standing() == null || v.standing().serverId() != server.id()) {
        throw new ConflictException("decision_overturned", "the account of " + key + " on " + server.name()
            + " is suspended while another is not; the rule would route elsewhere at once (pin it instead)");
      }
      if (v.route().serverId() != server.id()) {
        throw new ConflictException("pinned", key + " is pinned to another server; remove the pin first");
      }
      audit.record(h, actor, kind.equals(RouteChange.DOMAIN) ? "contest.decide" : "account-contest.decide", key,
          reason, Map.of("server", server.name(), "routesChanged", d.result().changes().size()));
      return d.result();
    });
    LOG.info("contest over {} {} decided for {} ({} route changes): {}", kind, key, serverName, r.changes().size(),
        Printable.of(reason));
    return new ChangeSummary(0, 0, 0, 0, r.changes().size(), r.version());
  }

  private static List<Contest> group(String kind, List<ContestRow> rows) {
    Map<String, List<ContestRow>> byKey = new LinkedHashMap<>();
    for (ContestRow r : rows) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    List<Contest> out = new ArrayList<>();
    for (List<ContestRow> claims : byKey.values()) {
      ContestRow standing = claims.stream().filter(ContestRow::standing).findFirst().orElse(null);
      if (standing == null || claims.size() < 2) {
        continue;
      }
      List<Contest.Claim> newcomers = claims.stream().filter(c -> !c.standing())
          .map(c -> claim(c, WinnerRule.whyStandingHolds(standing.suspended(), c.suspended(), c.transferred())))
          .toList();
      out.add(new Contest(kind, standing.key(), standing.since(), claim(standing, null), standing.standingSince(),
          newcomers));
    }
    return out;
  }

  private static Contest.Claim claim(ContestRow r, String why) {
    return new Contest.Claim(r.server(), r.account(), r.kind(), r.suspended(), r.firstSeen(), r.transferred(), why);
  }
}
