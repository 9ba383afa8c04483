package io.cphub.registry.api;

import io.cphub.registry.audit.Audit;
import io.cphub.registry.operators.OperatorRequest;
import io.cphub.registry.operators.OperatorService;
import io.cphub.registry.servers.ServerTokens;
import java.util.Map;

/**
 * The accountability endpoints: server token rotation and revocation
 * ({@code POST|DELETE /v1/servers/{server}/token}), named operator tokens
 * ({@code GET|POST /v1/operators}, {@code DELETE /v1/operators/{name}}; managed by the admin
 * token only) and the audit log ({@code GET /v1/audit?since=&limit=}). Thread-safe.
 */
final class OperatorApi {
  private final Authenticator auth;
  private final ServerTokens tokens;
  private final OperatorService operators;
  private final Audit audit;

  OperatorApi(Authenticator auth, ServerTokens tokens, OperatorService operators, Audit audit) {
    this.auth = auth;
    this.tokens = tokens;
    this.operators = operators;
    this.audit = audit;
  }

  ApiResponse handle(ApiRequest req, String endpoint, Principal p) {
    String m = req.method();
    String reason = req.param("reason");
    switch (endpoint) {
      case "server-token":
        Endpoints.allow(m, "POST", "DELETE");
        auth.requireAdmin(p);
        if (m.equals("POST")) {
          return ApiResponse.json(200, tokens.rotate(req.segments().get(2), Principal.actor(p), reason));
        }
        tokens.revoke(req.segments().get(2), Principal.actor(p), reason);
        return ApiResponse.json(200, Map.of("server", req.segments().get(2), "revoked", true));
      case "operators":
        Endpoints.allow(m, "GET", "POST");
        if (m.equals("GET")) {
          auth.requireAdmin(p);
          return ApiResponse.json(200, operators.list());
        }
        auth.requireBootstrap(p);
        OperatorRequest body = Bodies.decode(req, OperatorRequest.class);
        return ApiResponse.json(201, operators.add(body.name(), Principal.actor(p), body.reason()));
      case "operator":
        Endpoints.allow(m, "DELETE");
        auth.requireBootstrap(p);
        operators.revoke(req.segments().get(2), Principal.actor(p), reason);
        return ApiResponse.json(200, Map.of("operator", req.segments().get(2), "revoked", true));
      case "audit":
        Endpoints.allow(m, "GET");
        auth.requireAdmin(p);
        return ApiResponse.json(200, audit.list(req.param("since"), req.param("limit")));
      default:
        throw new HttpRefusal(404, "not_found", "no such endpoint");
    }
  }
}
