package io.cphub.registry.api;

import io.cphub.registry.operators.OperatorService;
import io.cphub.registry.servers.ServerService;
import io.cphub.registry.servers.Tokens;
import java.util.Locale;

/**
 * Maps the {@code Authorization: Bearer} header to a {@link Principal}: the configured admin
 * token, an active operator token, or a server token (current, or rotated out and still in its
 * grace period), each found by its SHA-256. Missing or unknown token: 401; a token without the
 * right to the resource: 403. {@link #token} and the admin check need no database, so the HTTP
 * layer runs them on the event loop. Never logs or echoes a token. Thread-safe.
 */
final class Authenticator {
  static final int MAX_TOKEN = 512;
  private final String adminToken;
  private final ServerService servers;
  private final OperatorService operators;

  Authenticator(String adminToken, ServerService servers, OperatorService operators) {
    this.adminToken = adminToken;
    this.servers = servers;
    this.operators = operators;
  }

  Principal authenticate(String header) {
    return lookup(token(header));
  }

  /** The bearer token of an {@code Authorization} header, or 401. */
  static String token(String header) {
    if (header == null || header.isBlank()) {
      throw new HttpRefusal(401, "unauthorized", "missing Authorization: Bearer token");
    }
    String h = header.strip();
    if (!h.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      throw new HttpRefusal(401, "unauthorized", "Authorization must use the Bearer scheme");
    }
    String token = h.substring(7).strip();
    if (token.isEmpty() || token.length() > MAX_TOKEN) {
      throw new HttpRefusal(401, "unauthorized", "malformed bearer token");
    }
    return token;
  }

  /** True for the bootstrap admin token (no database). */
  boolean isAdmin(String token) {
    return Tokens.same(token, adminToken);
  }

  /** The principal of a token (reads the database unless it is the admin token), or 401. */
  Principal lookup(String token) {
    if (isAdmin(token)) {
      return new Principal.Admin();
    }
    var server = servers.byToken(token);
    if (server.isPresent()) {
      return new Principal.Agent(server.get().name());
    }
    return operators.byToken(token).<Principal>map(Principal.Operator::new)
        .orElseThrow(() -> new HttpRefusal(401, "unauthorized", "unknown token"));
  }

  /** An operator: the admin token or a named operator token. */
  void requireAdmin(Principal p) {
    if (!(p instanceof Principal.Admin) && !(p instanceof Principal.Operator)) {
      throw new HttpRefusal(403, "forbidden", "this endpoint needs an operator token");
    }
  }

  /** The bootstrap admin token only (managing operators). */
  void requireBootstrap(Principal p) {
    if (!(p instanceof Principal.Admin)) {
      throw new HttpRefusal(403, "forbidden", "only the admin token can manage operators");
    }
  }

  /** An operator, or the agent of {@code server} itself. */
  void requireServer(Principal p, String server) {
    if (p instanceof Principal.Agent a && !a.name().equals(server)) {
      throw new HttpRefusal(403, "forbidden", "a server's token can only write that server");
    }
  }
}
