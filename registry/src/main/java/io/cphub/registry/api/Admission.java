package io.cphub.registry.api;

import io.cphub.registry.InvalidInputException;
import io.cphub.registry.servers.ServerService;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a request head may do, decided before any body byte is read: the body limit of its
 * endpoint (a snapshot may be large, an account push smaller, everything else is a small operator
 * body) and whether its principal may call the endpoint at all. {@link Api} checks the same
 * rights again. Stateless apart from its configuration; thread-safe.
 */
final class Admission {
  /** Bodies of operator endpoints (pins, enrolment, patches): fixed shapes, reasons up to 500 characters. */
  static final int OPERATOR_BODY = 8 * 1024;
  static final Set<String> OPEN = Set.of("healthz", "metrics", "unknown", "console");
  private final Authenticator auth;
  private final int snapshotLimit;
  private final int accountLimit;

  Admission(Authenticator auth, int snapshotLimit, int accountLimit) {
    this.auth = auth;
    this.snapshotLimit = snapshotLimit;
    this.accountLimit = accountLimit;
  }

  Authenticator auth() {
    return auth;
  }

  /**
   * True when the endpoint needs no token: health, metrics, the console's static files (its data
   * calls need a token like any other), and unknown paths, which answer 404.
   */
  boolean open(String endpoint) {
    return OPEN.contains(endpoint);
  }

  /** The largest body the endpoint accepts. */
  int limit(String endpoint) {
    return switch (endpoint) {
      case "snapshot" -> snapshotLimit;
      case "account" -> accountLimit;
      case "console" -> 0;
      default -> OPERATOR_BODY;
    };
  }

  /** The largest body of any endpoint (the aggregator's own cap). */
  int largest() {
    return Math.max(snapshotLimit, Math.max(accountLimit, OPERATOR_BODY));
  }

  /** Refuses (403) a principal that may not call the endpoint; bad input is left for {@link Api} to answer. */
  void authorize(String endpoint, List<String> segments, Map<String, List<String>> query, Principal p) {
    switch (endpoint) {
      case "snapshot" -> {
        serverOnly(segments.get(2), p);
        List<String> force = query.get("force");
        if (force != null && force.contains("true")) {
          auth.requireAdmin(p);
        }
      }
      case "account", "departures" -> serverOnly(segments.get(2), p);
      default -> auth.requireAdmin(p);
    }
  }

  private void serverOnly(String rawServer, Principal p) {
    try {
      auth.requireServer(p, ServerService.serverName(rawServer));
    } catch (InvalidInputException e) {
      if (p instanceof Principal.Agent) {
        throw new HttpRefusal(403, "forbidden", "a server's token can only write that server");
      }
    }
  }
}
