package io.cphub.registry.api;

import io.cphub.registry.servers.ServerService;
import io.cphub.registry.servers.Tokens;
import java.util.Locale;

/**
 * Maps the {@code Authorization: Bearer} header to a {@link Principal}: the configured admin
 * token, or a server token found by its SHA-256. Missing or unknown token: 401; a token without
 * the right to the resource: 403. Never logs or echoes a token. Thread-safe.
 */
final class Authenticator {
  private final String adminToken;
  private final ServerService servers;

  Authenticator(String adminToken, ServerService servers) {
    this.adminToken = adminToken;
    this.servers = servers;
  }

  Principal authenticate(String header) {
    if (header == null || header.isBlank()) {
      throw new HttpRefusal(401, "unauthorized", "missing Authorization: Bearer token");
    }
    String h = header.strip();
    if (!h.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      throw new HttpRefusal(401, "unauthorized", "Authorization must use the Bearer scheme");
    }
    String token = h.substring(7).strip();
    if (token.isEmpty() || token.length() > 512) {
      throw new HttpRefusal(401, "unauthorized", "malformed bearer token");
    }
    if (Tokens.same(token, adminToken)) {
      return new Principal.Admin();
    }
    return servers.byToken(token).<Principal>map(s -> new Principal.Agent(s.name()))
        .orElseThrow(() -> new HttpRefusal(401, "unauthorized", "unknown token"));
  }

  /** The operator only. */
  void requireAdmin(Principal p) {
    if (!(p instanceof Principal.Admin)) {
      throw new HttpRefusal(403, "forbidden", "this endpoint needs the admin token");
    }
  }

  /** The operator, or the agent of {@code server} itself. */
  void requireServer(Principal p, String server) {
    if (p instanceof Principal.Agent a && !a.name().equals(server)) {
      throw new HttpRefusal(403, "forbidden", "a server's token can only write that server");
    }
  }
}
