package io.cphub.registry.api;

import static io.cphub.registry.api.Endpoints.allow;

import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.DecideRequest;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.PinRequest;
import io.cphub.model.wire.ServerPatch;
import io.cphub.model.wire.Snapshot;
import io.cphub.registry.ConflictException;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.RejectedException;
import io.cphub.registry.Services;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.audit.Audit;
import io.cphub.registry.bans.BanService;
import io.cphub.registry.claims.ClaimService;
import io.cphub.registry.config.RegistryConfig;
import io.cphub.registry.console.ConsoleFiles;
import io.cphub.registry.departures.DepartureService;
import io.cphub.registry.metrics.RegistryMetrics;
import io.cphub.registry.routes.ContestService;
import io.cphub.registry.routes.RecentChanges;
import io.cphub.registry.routes.RouteService;
import io.cphub.registry.servers.ServerService;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 API without the transport: maps a request to a service call and any refusal to a JSON
 * {@code {"error","detail"}} answer (400 bad input, 401/403 auth, 404, 405, 409, 415; 503 with
 * {@code Retry-After} while the database is unreachable or failing over; 500 with no internals).
 * {@link HeadGuard} authenticates and sizes the head before the body is read; the rights are
 * checked again here. Operator actions carry their actor to the services, which audit them in the
 * same transaction. Thread-safe; runs on worker threads.
 */
public final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  /** Response header naming the history a write was committed in (also the summary's feedIdentity). */
  public static final String FEED_IDENTITY = "Cphub-Feed-Identity";
  private final Authenticator auth;
  private final Admission admission;
  private final ClaimService claims;
  private final ServerService servers;
  private final RouteService routes;
  private final ContestService contests;
  private final BanService bans;
  private final RecentChanges changes;
  private final ConsoleFiles console = new ConsoleFiles();
  private final DepartureService departures;
  private final Audit audit;
  private final OperatorApi operatorApi;
  private final RegistryMetrics metrics;
  private final LongSupplier health;

  public Api(RegistryConfig config, Services s, RegistryMetrics metrics, LongSupplier health) {
    this.auth = new Authenticator(config.adminToken(), s.servers(), s.operators());
    this.admission = new Admission(auth, config.httpMaxBodyBytes(), config.httpMaxAccountBodyBytes());
    this.claims = s.claims();
    this.servers = s.servers();
    this.routes = s.routes();
    this.audit = s.audit();
    this.contests = s.contests();
    this.bans = s.bans();
    this.changes = s.changes();
    this.departures = new DepartureService(s.jdbi());
    this.operatorApi = new OperatorApi(auth, s.tokens(), s.operators(), s.audit());
    this.metrics = metrics;
    this.health = health;
  }

  /** What the HTTP layer checks on each request head. */
  Admission admission() {
    return admission;
  }

  RegistryMetrics metrics() {
    return metrics;
  }

  public ApiResponse handle(ApiRequest req) {
    long start = System.nanoTime();
    String endpoint = Endpoints.name(req.segments());
    ApiResponse resp;
    try {
      resp = dispatch(req, endpoint);
    } catch (HttpRefusal e) {
      resp = ApiResponse.error(e.status, e.error(), e.getMessage());
      if (endpoint.equals("console")) {
        resp = ConsoleFiles.harden(resp);
      }
    } catch (InvalidInputException e) {
      resp = ApiResponse.error(400, e.error(), e.getMessage());
    } catch (NotFoundException e) {
      resp = ApiResponse.error(404, e.error(), e.getMessage());
    } catch (ConflictException e) {
      resp = ApiResponse.error(409, e.error(), e.getMessage());
    } catch (RejectedException e) {
      resp = ApiResponse.error(400, e.error(), e.getMessage());
    } catch (RuntimeException e) {
      String outage = DatabaseOutage.reason(e);
      if (outage != null) {
        LOG.warn("{} {}: database unavailable ({}): {}", req.method(), endpoint, outage, e.getMessage());
        resp = ApiResponse.error(503, "database_unavailable", "the registry database is unavailable ("
            + outage + "); retry later").withHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
      } else {
        LOG.error("{} {} failed", req.method(), endpoint, e);
        resp = ApiResponse.error(500, "internal", "the registry failed to handle the request; see its log");
      }
    }
    metrics.request(endpoint, resp.status(), (System.nanoTime() - start) / 1e9);
    if (!req.method().equals("GET") && resp.status() < 300) {
      metrics.written(endpoint);
    }
    return resp;
  }

  private ApiResponse dispatch(ApiRequest req, String endpoint) {
    List<String> s = req.segments();
    String m = req.method();
    switch (endpoint) {
      case "healthz":
        allow(m, "GET");
        return healthz();
      case "metrics":
        allow(m, "GET");
        return new ApiResponse(200, RegistryMetrics.contentType(), metrics.scrape());
      case "console":
        allow(m, "GET");
        return console.get(s);
      case "servers":
        allow(m, "GET", "POST");
        auth.requireAdmin(who(req));
        return m.equals("GET") ? ApiResponse.json(200, servers.list())
            : ApiResponse.json(201, servers.enrol(Bodies.decode(req, EnrolRequest.class), actor(req), req.param("reason")));
      case "server":
        allow(m, "PATCH");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, servers.patch(ServerService.serverName(s.get(2)),
            Bodies.decode(req, ServerPatch.class), actor(req), req.param("reason")));
      case "snapshot":
        allow(m, "PUT");
        return snapshot(req, s.get(2));
      case "departures":
        allow(m, "GET");
        return departures(req, s.get(2));
      case "account":
        allow(m, "PUT", "DELETE");
        return account(req, s.get(2), s.get(4));
      case "route":
        allow(m, "GET");
        auth.requireAdmin(who(req));
        return routes.lookup(s.get(2)).map(r -> ApiResponse.json(200, r))
            .orElseGet(() -> ApiResponse.error(404, "no_route", "no route for " + io.cphub.model.Printable.of(s.get(2))));
      case "conflicts":
        allow(m, "GET");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, routes.conflicts());
      case "account-conflicts":
        allow(m, "GET");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, routes.accountConflicts());
      case "pins":
        allow(m, "GET");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, routes.pins());
      case "pin":
        allow(m, "PUT", "DELETE");
        auth.requireAdmin(who(req));
        return changed(m.equals("PUT") ? routes.pin(s.get(2), Bodies.decode(req, PinRequest.class), actor(req))
            : routes.unpin(s.get(2), actor(req), req.param("reason")));
      case "account-pin":
        allow(m, "PUT", "DELETE");
        auth.requireAdmin(who(req));
        return changed(m.equals("PUT") ? routes.pinAccount(s.get(2), Bodies.decode(req, PinRequest.class), actor(req))
            : routes.unpinAccount(s.get(2), actor(req), req.param("reason")));
      case "server-token", "operators", "operator", "audit":
        return operatorApi.handle(req, endpoint, who(req));
      case "changes":
        allow(m, "GET");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, changes.latest(Limit.parse(req.param("limit"), 100, RecentChanges.MAX_LIMIT)));
      case "bans":
        allow(m, "GET");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, bans.list(Limit.flag("all", req.param("all")),
            Limit.parse(req.param("limit"), BanService.MAX_LIMIT, BanService.MAX_LIMIT)));
      case "ban":
        allow(m, "DELETE");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, bans.lift(s.get(2), s.get(3), actor(req), req.param("reason")));
      case "contests":
        allow(m, "GET");
        auth.requireAdmin(who(req));
        return ApiResponse.json(200, contests.contests());
      case "decide", "account-decide":
        allow(m, "POST");
        auth.requireAdmin(who(req));
        DecideRequest decision = Bodies.decode(req, DecideRequest.class);
        return changed(endpoint.equals("decide") ? contests.decide(s.get(2), decision, actor(req))
            : contests.decideAccount(s.get(2), decision, actor(req)));
      default:
        throw new HttpRefusal(404, "not_found", "no such endpoint");
    }
  }

  private ApiResponse snapshot(ApiRequest req, String rawServer) {
    Principal p = who(req);
    String server = ServerService.serverName(rawServer);
    auth.requireServer(p, server);
    String force = req.param("force");
    if (force != null && !force.equals("true") && !force.equals("false")) {
      throw new InvalidInputException("invalid_request", "force must be true or false");
    }
    if (!"true".equals(force)) {
      try {
        return changed(claims.putSnapshot(server, Bodies.fromAgent(req, Snapshot.class), false));
      } catch (RejectedException e) {
        metrics.snapshotRefused(e.error());
        throw e;
      }
    }
    auth.requireAdmin(p);
    String reason = Audit.reason(req.param("reason"));
    return changed(claims.putSnapshot(server, Bodies.fromAgent(req, Snapshot.class), true, (h, sum) ->
        audit.record(h, Principal.actor(p), "snapshot.force", server, reason, Map.of("summary", sum))));
  }

  private ApiResponse account(ApiRequest req, String rawServer, String user) {
    Principal p = who(req);
    String server = ServerService.serverName(rawServer);
    auth.requireServer(p, server);
    if (req.method().equals("DELETE")) {
      return changed(claims.deleteAccount(server, user));
    }
    return changed(claims.putAccount(server, user, Bodies.fromAgent(req, AccountPush.class)));
  }

  private ApiResponse departures(ApiRequest req, String rawServer) {
    String server = ServerService.serverName(rawServer);
    auth.requireServer(who(req), server);
    return ApiResponse.json(200, departures.after(server, req.param("after")));
  }

  /** The principal the head was admitted as, else (no guard in front) from the header. */
  private Principal who(ApiRequest req) {
    return req.principal() != null ? req.principal() : auth.authenticate(req.authorization());
  }

  private Actor actor(ApiRequest req) {
    return Principal.actor(who(req));
  }

  private ApiResponse changed(ChangeSummary summary) {
    metrics.routesChanged(summary.routesChanged());
    ApiResponse r = ApiResponse.json(200, summary);
    return summary.feedIdentity() == null ? r : r.withHeader(FEED_IDENTITY, summary.feedIdentity());
  }

  private ApiResponse healthz() {
    try {
      return ApiResponse.json(200, new Health("ok", health.getAsLong()));
    } catch (RuntimeException e) {
      LOG.warn("health check: database unavailable: {}", e.getMessage());
      return ApiResponse.error(503, "database_unavailable", "the registry cannot reach its database");
    }
  }

  /** Answer of {@code /healthz}. */
  record Health(String status, long feedVersion) {}
}
