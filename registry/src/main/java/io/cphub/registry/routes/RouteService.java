package io.cphub.registry.routes;

import io.cphub.model.Domain;
import io.cphub.model.InvalidNameException;
import io.cphub.model.Login;
import io.cphub.model.Printable;
import io.cphub.model.Username;
import io.cphub.model.wire.AccountConflict;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Conflict;
import io.cphub.model.wire.PinRequest;
import io.cphub.model.wire.PinView;
import io.cphub.model.wire.RouteView;
import io.cphub.registry.ConflictException;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.audit.Audit;
import io.cphub.registry.servers.ServerService;
import io.cphub.registry.store.ClaimDao;
import io.cphub.registry.store.FeedWriter;
import io.cphub.registry.store.RouteDao;
import io.cphub.registry.store.RouteRow;
import io.cphub.registry.store.ServerDao;
import io.cphub.registry.store.ServerRow;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Route lookup, conflicts and pins. A pin chooses among the servers that claim a domain (or have
 * an account of a username): it can only name a non-retired server that holds the name, and stops
 * mattering if that claim or account goes away. Pins and unpins are audited in their transaction.
 * Thread-safe.
 */
public final class RouteService {
  static final int MAX_REASON = 500;
  private static final String DOMAIN = "domain";
  private static final String ACCOUNT = "account";
  private final Jdbi jdbi;
  private final Clock clock;
  private final FeedWriter feed;
  private final Audit audit;

  public RouteService(Jdbi jdbi, Clock clock, FeedWriter feed, Audit audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.feed = feed;
    this.audit = audit;
  }

  /**
   * The route of a login ({@code local@domain}, {@code local+domain}, a bare cPanel username) or of
   * a domain. A bare name that is a routed domain is answered as the domain; otherwise it is read
   * as a login. {@code local+domain} routes only when the domain is registered.
   */
  public Optional<RouteView> lookup(String raw) {
    RouteDao routes = jdbi.onDemand(RouteDao.class);
    if (raw != null && raw.indexOf('@') < 0 && raw.indexOf('+') < 0) {
      Optional<RouteRow> byDomain = asDomain(raw).flatMap(routes::domainRoute);
      if (byDomain.isPresent()) {
        return byDomain.map(RouteService::view);
      }
    }
    Login login;
    try {
      login = Login.parse(raw);
    } catch (InvalidNameException e) {
      throw new InvalidInputException("invalid_login", e.getMessage());
    }
    Optional<RouteRow> row = login instanceof Login.Account a
        ? routes.accountRoute(a.username().name())
        : routes.domainRoute(login.routeDomain().name());
    return row.map(RouteService::view);
  }

  public List<Conflict> conflicts() {
    return ConflictReport.of(jdbi.withExtension(RouteQueries.class, RouteQueries::conflicts));
  }

  public List<AccountConflict> accountConflicts() {
    return ConflictReport.accounts(jdbi.withExtension(RouteQueries.class, RouteQueries::accountConflicts));
  }

  public List<PinView> pins() {
    return jdbi.withExtension(RouteQueries.class, RouteQueries::pins);
  }

  /** Pins a domain to one of the servers that claim it. */
  public ChangeSummary pin(String rawDomain, PinRequest req, Actor actor) {
    return pin(DOMAIN, routableDomain(rawDomain), req, actor);
  }

  /** Pins a cPanel username (bare-username logins) to one of the servers that have that account. */
  public ChangeSummary pinAccount(String rawUsername, PinRequest req, Actor actor) {
    return pin(ACCOUNT, username(rawUsername), req, actor);
  }

  /** Removes a domain's pin; {@code reason} (may be null) goes to the audit log. */
  public ChangeSummary unpin(String rawDomain, Actor actor, String reason) {
    return unpin(DOMAIN, routableDomain(rawDomain), actor, reason);
  }

  public ChangeSummary unpinAccount(String rawUsername, Actor actor, String reason) {
    return unpin(ACCOUNT, username(rawUsername), actor, reason);
  }

  private ChangeSummary pin(String kind, String key, PinRequest req, Actor actor) {
    String reason = req.reason().strip();
    if (reason.isEmpty() || reason.length() > MAX_REASON) {
      throw new InvalidInputException("invalid_request", "reason must be 1-" + MAX_REASON + " characters");
    }
    String serverName = ServerService.serverName(req.server());
    FeedWriter.Result r = jdbi.inTransaction(h -> {
      ServerRow server = h.attach(ServerDao.class).byName(serverName)
          .orElseThrow(() -> new NotFoundException("unknown_server", "no server named " + Printable.of(req.server())));
      if (server.state().equals("retired")) {
        throw new ConflictException("server_retired", "cannot pin " + key + " to retired server " + server.name());
      }
      RouteQueries q = h.attach(RouteQueries.class);
      if (kind.equals(DOMAIN) ? !h.attach(ClaimDao.class).hasClaim(server.id(), key) : !q.hasAccount(server.id(), key)) {
        throw new ConflictException("pin_not_claimed", server.name() + (kind.equals(DOMAIN) ? " does not claim "
            : " has no account ") + key + "; a pin chooses among the servers that hold it");
      }
      q.pin(kind, key, server.id(), reason, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      audit.record(h, actor, kind.equals(DOMAIN) ? "pin.set" : "account-pin.set", key, reason,
          Map.of("server", server.name()));
      return recompute(h, kind, key);
    });
    return new ChangeSummary(0, 0, 0, 0, r.changes().size(), r.version());
  }

  private ChangeSummary unpin(String kind, String key, Actor actor, String reason) {
    String why = Audit.reason(reason);
    FeedWriter.Result r = jdbi.inTransaction(h -> {
      if (h.attach(RouteQueries.class).unpin(kind, key) == 0) {
        throw new NotFoundException("no_pin", key + " is not pinned");
      }
      audit.record(h, actor, kind.equals(DOMAIN) ? "pin.remove" : "account-pin.remove", key, why, Map.of());
      return recompute(h, kind, key);
    });
    return new ChangeSummary(0, 0, 0, 0, r.changes().size(), r.version());
  }

  private FeedWriter.Result recompute(Handle h, String kind, String key) {
    return kind.equals(DOMAIN) ? feed.recompute(h, List.of(key), List.of(), List.of())
        : feed.recompute(h, List.of(), List.of(key), List.of());
  }

  static String username(String raw) {
    try {
      return Username.parse(raw).name();
    } catch (InvalidNameException e) {
      throw new InvalidInputException("invalid_name", e.getMessage());
    }
  }

  private static Optional<String> asDomain(String raw) {
    try {
      Domain d = Domain.parse(raw);
      return d.isWildcard() ? Optional.empty() : Optional.of(d.name());
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  static String routableDomain(String raw) {
    try {
      Domain d = Domain.parse(raw);
      if (d.isWildcard()) {
        throw new InvalidInputException("invalid_name", "a wildcard domain never routes and cannot be pinned");
      }
      return d.name();
    } catch (InvalidNameException e) {
      throw new InvalidInputException("invalid_name", e.getMessage());
    }
  }

  private static RouteView view(RouteRow r) {
    return new RouteView(r.key(), r.server(), r.address(), r.account(), r.version());
  }
}
