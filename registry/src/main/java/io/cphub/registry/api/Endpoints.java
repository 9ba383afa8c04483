package io.cphub.registry.api;

import java.util.List;

/**
 * Names a request path's endpoint ({@code servers}, {@code snapshot}, {@code pin}, ...; {@code
 * console} for every path under {@code /console}) from its segments, for routing and as the
 * metrics label, so a raw path never becomes a label; and checks the method. Stateless.
 */
final class Endpoints {
  private Endpoints() {}

  /** Names the endpoint for routing and for metrics labels (never the raw path). */
  static String name(List<String> s) {
    int n = s.size();
    if (n == 1 && s.get(0).equals("healthz")) {
      return "healthz";
    }
    if (n == 1 && s.get(0).equals("metrics")) {
      return "metrics";
    }
    if (n >= 1 && s.get(0).equals("console")) {
      return "console";
    }
    if (n < 2 || !s.get(0).equals("v1")) {
      return "unknown";
    }
    String r = s.get(1);
    if (r.equals("servers")) {
      if (n == 2) {
        return "servers";
      }
      if (n == 3) {
        return "server";
      }
      if (n == 4 && s.get(3).equals("snapshot")) {
        return "snapshot";
      }
      if (n == 5 && s.get(3).equals("accounts")) {
        return "account";
      }
      if (n == 4 && s.get(3).equals("departures")) {
        return "departures";
      }
      if (n == 4 && s.get(3).equals("token")) {
        return "server-token";
      }
    }
    if (r.equals("routes") && n == 3) {
      return "route";
    }
    if (r.equals("conflicts") && n == 2) {
      return "conflicts";
    }
    if (r.equals("account-conflicts") && n == 2) {
      return "account-conflicts";
    }
    if (r.equals("pins") && n == 2) {
      return "pins";
    }
    if (r.equals("pins") && n == 3) {
      return "pin";
    }
    if (r.equals("account-pins") && n == 3) {
      return "account-pin";
    }
    if (r.equals("operators") && (n == 2 || n == 3)) {
      return n == 2 ? "operators" : "operator";
    }
    if (r.equals("audit") && n == 2) {
      return "audit";
    }
    if (r.equals("changes") && n == 2) {
      return "changes";
    }
    if (r.equals("bans") && (n == 2 || n == 4)) {
      return n == 2 ? "bans" : "ban";
    }
    if (r.equals("contests") && n == 2) {
      return "contests";
    }
    if ((r.equals("contests") || r.equals("account-contests")) && n == 4 && s.get(3).equals("decide")) {
      return r.equals("contests") ? "decide" : "account-decide";
    }
    return "unknown";
  }

  /** Refuses (405) a method the endpoint does not take. */
  static void allow(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new HttpRefusal(405, "method_not_allowed", method + " is not allowed here (" + String.join(", ", allowed) + ")");
  }
}
