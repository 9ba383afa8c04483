package io.cphub.registry.api;

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
import io.cphub.registry.claims.ClaimService;
import io.cphub.registry.metrics.RegistryMetrics;
import io.cphub.registry.routes.ContestService;
import io.cphub.registry.routes.RouteService;
import io.cphub.registry.servers.ServerService;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 API without the transport: maps a request to a service call and any refusal to a JSON
 * {@code {"error","detail"}} answer (400 bad input, 401/403 auth, 404, 405, 409, 415; 500 with no
 * internals). Authentication runs before the body is read. Thread-safe; runs on worker threads.
 */
public final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  private final Authenticator auth;
  private final ClaimService claims;
  private final ServerService servers;
  private final RouteService routes;
  private final ContestService contests;
  private final RegistryMetrics metrics;
  private final LongSupplier health;

  public Api(String adminToken, ClaimService claims, ServerService servers, RouteService routes,
      ContestService contests, RegistryMetrics metrics, LongSupplier health) {
    this.auth = new Authenticator(adminToken, servers);
    this.claims = claims;
    this.servers = servers;
    this.routes = routes;
    this.contests = contests;
    this.metrics = metrics;
    this.health = health;
  }

  public ApiResponse handle(ApiRequest req) {
    long start = System.nanoTime();
    String endpoint = Endpoints.name(req.segments());
    ApiResponse resp;
    try {
      resp = dispatch(req, endpoint);
    } catch (HttpRefusal e) {
      resp = ApiResponse.error(e.status, e.error(), e.getMessage());
    } catch (InvalidInputException e) {
      resp = ApiResponse.error(400, e.error(), e.getMessage());
    } catch (NotFoundException e) {
      resp = ApiResponse.error(404, e.error(), e.getMessage());
    } catch (ConflictException e) {
      resp = ApiResponse.error(409, e.error(), e.getMessage());
    } catch (RejectedException e) {
      resp = ApiResponse.error(400, e.error(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", req.method(), endpoint, e);
      resp = ApiResponse.error(500, "internal", "the registry failed to handle the request; see its log");
    }
    metrics.request(endpoint, resp.status(), (System.nanoTime() - start) / 1e9);
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
      case "servers":
        allow(m, "GET", "POST");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return m.equals("GET") ? ApiResponse.json(200, servers.list())
            : ApiResponse.json(201, servers.enrol(Bodies.decode(req, EnrolRequest.class)));
      case "server":
        allow(m, "PATCH");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return ApiResponse.json(200, servers.patch(ServerService.serverName(s.get(2)),
            Bodies.decode(req, ServerPatch.class)));
      case "snapshot":
        allow(m, "PUT");
        return snapshot(req, s.get(2));
      case "account":
        allow(m, "PUT", "DELETE");
        return account(req, s.get(2), s.get(4));
      case "route":
        allow(m, "GET");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return routes.lookup(s.get(2)).map(r -> ApiResponse.json(200, r))
            .orElseGet(() -> ApiResponse.error(404, "no_route", "no route for " + io.cphub.model.Printable.of(s.get(2))));
      case "conflicts":
        allow(m, "GET");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return ApiResponse.json(200, routes.conflicts());
      case "account-conflicts":
        allow(m, "GET");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return ApiResponse.json(200, routes.accountConflicts());
      case "pins":
        allow(m, "GET");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return ApiResponse.json(200, routes.pins());
      case "pin":
        allow(m, "PUT", "DELETE");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return changed(m.equals("PUT") ? routes.pin(s.get(2), Bodies.decode(req, PinRequest.class))
            : routes.unpin(s.get(2)));
      case "account-pin":
        allow(m, "PUT", "DELETE");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return changed(m.equals("PUT") ? routes.pinAccount(s.get(2), Bodies.decode(req, PinRequest.class))
            : routes.unpinAccount(s.get(2)));
      case "contests":
        allow(m, "GET");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        return ApiResponse.json(200, contests.contests());
      case "decide", "account-decide":
        allow(m, "POST");
        auth.requireAdmin(auth.authenticate(req.authorization()));
        DecideRequest decision = Bodies.decode(req, DecideRequest.class);
        return changed(endpoint.equals("decide") ? contests.decide(s.get(2), decision)
            : contests.decideAccount(s.get(2), decision));
      default:
        throw new HttpRefusal(404, "not_found", "no such endpoint");
    }
  }

  private ApiResponse snapshot(ApiRequest req, String rawServer) {
    Principal p = auth.authenticate(req.authorization());
    String server = ServerService.serverName(rawServer);
    auth.requireServer(p, server);
    String force = req.param("force");
    if (force != null && !force.equals("true") && !force.equals("false")) {
      throw new InvalidInputException("invalid_request", "force must be true or false");
    }
    boolean forced = "true".equals(force);
    if (forced) {
      auth.requireAdmin(p);
    }
    return changed(claims.putSnapshot(server, Bodies.decode(req, Snapshot.class), forced));
  }

  private ApiResponse account(ApiRequest req, String rawServer, String user) {
    Principal p = auth.authenticate(req.authorization());
    String server = ServerService.serverName(rawServer);
    auth.requireServer(p, server);
    if (req.method().equals("DELETE")) {
      return changed(claims.deleteAccount(server, user));
    }
    return changed(claims.putAccount(server, user, Bodies.decode(req, AccountPush.class)));
  }

  private ApiResponse changed(ChangeSummary summary) {
    metrics.routesChanged(summary.routesChanged());
    return ApiResponse.json(200, summary);
  }

  private ApiResponse healthz() {
    try {
      return ApiResponse.json(200, new Health("ok", health.getAsLong()));
    } catch (RuntimeException e) {
      LOG.warn("health check: database unavailable: {}", e.getMessage());
      return ApiResponse.error(503, "database_unavailable", "the registry cannot reach its database");
    }
  }

  private static void allow(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new HttpRefusal(405, "method_not_allowed", method + " is not allowed here (" + String.join(", ", allowed) + ")");
  }

  /** Answer of {@code /healthz}. */
  record Health(String status, long feedVersion) {}
}
