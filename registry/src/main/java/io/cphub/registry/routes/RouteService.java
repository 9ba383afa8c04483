package io.cphub.registry.routes;

import io.cphub.model.Domain;
import io.cphub.model.InvalidNameException;
import io.cphub.model.Login;
import io.cphub.model.Printable;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Conflict;
import io.cphub.model.wire.PinRequest;
import io.cphub.model.wire.RouteView;
import io.cphub.registry.ConflictException;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
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
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Route lookup, conflicts and pins. A pin chooses among the servers that claim a domain: it can
 * only name a non-retired server that claims it, and stops mattering if that claim goes away.
 * Thread-safe.
 */
public final class RouteService {
  static final int MAX_REASON = 500;
  private final Jdbi jdbi;
  private final Clock clock;
  private final FeedWriter feed;

  public RouteService(Jdbi jdbi, Clock clock, FeedWriter feed) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.feed = feed;
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

  public ChangeSummary pin(String rawDomain, PinRequest req) {
    String domain = routableDomain(rawDomain);
    String reason = req.reason().strip();
    if (reason.isEmpty() || reason.length() > MAX_REASON) {
      throw new InvalidInputException("invalid_request", "reason must be 1-" + MAX_REASON + " characters");
    }
    FeedWriter.Result r = jdbi.inTransaction(h -> {
      ServerRow server = h.attach(ServerDao.class).byName(req.server())
          .orElseThrow(() -> new NotFoundException("unknown_server", "no server named " + Printable.of(req.server())));
      if (server.state().equals("retired")) {
        throw new ConflictException("server_retired", "cannot pin " + domain + " to retired server " + server.name());
      }
      if (!h.attach(ClaimDao.class).hasClaim(server.id(), domain)) {
        throw new ConflictException("pin_not_claimed", server.name() + " does not claim " + domain
            + "; a pin chooses among the servers that claim a domain");
      }
      h.attach(RouteQueries.class).pin(domain, server.id(), reason, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      return feed.recompute(h, List.of(domain), List.of(), List.of());
    });
    return new ChangeSummary(0, 0, 0, 0, r.changes().size(), r.version());
  }

  public ChangeSummary unpin(String rawDomain) {
    String domain = routableDomain(rawDomain);
    FeedWriter.Result r = jdbi.inTransaction(h -> {
      if (h.attach(RouteQueries.class).unpin(domain) == 0) {
        throw new NotFoundException("no_pin", domain + " is not pinned");
      }
      return feed.recompute(h, List.of(domain), List.of(), List.of());
    });
    return new ChangeSummary(0, 0, 0, 0, r.changes().size(), r.version());
  }

  private static Optional<String> asDomain(String raw) {
    try {
      Domain d = Domain.parse(raw);
      return d.isWildcard() ? Optional.empty() : Optional.of(d.name());
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }

  private static String routableDomain(String raw) {
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
