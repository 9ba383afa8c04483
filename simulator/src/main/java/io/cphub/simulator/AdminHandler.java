package io.cphub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.whm.Fault;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Function;

/**
 * The admin endpoint of one simulated server: changes its state at run time and fires the matching
 * hook events. Paths are under {@code /admin/}; bodies are JSON; a bad request answers 400
 * {@code {"error","detail"}} and changes nothing.
 */
final class AdminHandler {
  private final SimulatedServer server;
  private final Function<String, SimulatedServer> peers;
  private final Clock clock;

  AdminHandler(SimulatedServer server, Function<String, SimulatedServer> peers, Clock clock) {
    this.server = server;
    this.peers = peers;
    this.clock = clock;
  }

  /** Returns the JSON answer body; throws {@link SimulatorException} for a bad request. */
  String handle(String method, String path, byte[] body) throws IOException {
    String[] p = path.substring("/admin/".length()).split("/");
    for (int i = 0; i < p.length; i++) {
      p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
    }
    String route = method + " " + p[0] + (p.length > 2 ? "/" + p[2] : "") + "#" + p.length;
    switch (route) {
      case "GET state#1" -> {
        return Json.mapper().writeValueAsString(server.spec());
      }
      case "PUT fault#1" -> server.fault(Json.mapper().readValue(body, Fault.class));
      case "POST accounts#1" -> server.createAccount(Json.mapper().readValue(body, SimAccount.class), false);
      case "DELETE accounts#2" -> server.removeAccount(p[1]);
      case "POST accounts/domains#3" -> server.addDomain(p[1], Json.mapper().readValue(body, SimDomain.class));
      case "DELETE accounts/domains#4" -> server.removeDomain(p[1], p[3]);
      case "POST accounts/suspend#3" -> server.suspend(p[1], text(body, "reason"), clock.instant().getEpochSecond());
      case "POST accounts/unsuspend#3" -> server.unsuspend(p[1]);
      case "POST accounts/rename#3" -> server.rename(p[1], required(body, "newUser"));
      case "POST transfer#1" -> transfer(required(body, "user"), required(body, "to"));
      default -> throw new SimulatorException("no admin operation " + method + " " + path);
    }
    return "{\"ok\":true}";
  }

  /** Copies an account to another simulated server (as a restore); the source keeps it. */
  private void transfer(String user, String to) {
    SimulatedServer target = peers.apply(to);
    if (target == null) {
      throw new SimulatorException("no simulated server " + to);
    }
    SimAccount account = server.state().find(user)
        .orElseThrow(() -> new SimulatorException("no account " + user + " on " + server.name()));
    target.createAccount(account, true);
  }

  private static String required(byte[] body, String field) throws IOException {
    String v = text(body, field);
    if (v == null || v.isBlank()) {
      throw new SimulatorException("body field " + field + " is required");
    }
    return v;
  }

  private static String text(byte[] body, String field) throws IOException {
    if (body.length == 0) {
      return null;
    }
    JsonNode n = Json.mapper().readTree(body).get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
