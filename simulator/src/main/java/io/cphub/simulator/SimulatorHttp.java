package io.cphub.simulator;

import com.fasterxml.jackson.core.JacksonException;
import io.cphub.model.wire.ErrorBody;
import io.cphub.model.wire.Json;
import io.cphub.simulator.http.Request;
import io.cphub.simulator.http.SocketHttpServer;
import io.cphub.simulator.whm.WhmAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of one simulated server: {@code /json-api/FUNCTION} for WHM API 1 and
 * {@code /admin/...} for state changes, on a {@link SocketHttpServer} that treats connections
 * the way the server's current fault says. Requests run on their connection's thread.
 */
public final class SimulatorHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorHttp.class);
  private static final int MAX_BODY = 1 << 20;

  private final SimulatedServer server;
  private final AdminHandler admin;
  private final SocketHttpServer http;

  public SimulatorHttp(SimulatedServer server, InetSocketAddress bind, Function<String, SimulatedServer> peers,
      Clock clock) throws IOException {
    this.server = server;
    this.admin = new AdminHandler(server, peers, clock);
    this.http = new SocketHttpServer(bind, server.name(), this::handle, server::fault, MAX_BODY);
  }

  public int port() {
    return http.port();
  }

  public SimulatedServer server() {
    return server;
  }

  /** Connections open now. */
  public int openConnections() {
    return http.openConnections();
  }

  private WhmAnswer handle(Request r) {
    if (r.path().startsWith("/json-api/")) {
      return whm(r);
    }
    if (r.path().startsWith("/admin/")) {
      return admin(r);
    }
    return new WhmAnswer(404, "text/plain", "not found");
  }

  private WhmAnswer whm(Request r) {
    try {
      String function = r.path().substring("/json-api/".length());
      return server.api().answer(function, query(r.rawQuery()), r.header("Authorization"));
    } catch (RuntimeException e) {
      LOG.warn("simulated WHM {} failed: {}", server.name(), e.toString());
      return new WhmAnswer(500, "text/plain", "simulator error");
    }
  }

  private WhmAnswer admin(Request r) {
    try {
      return WhmAnswer.json(200, admin.handle(r.method(), r.path(), r.body()));
    } catch (SimulatorException | JacksonException | IllegalArgumentException e) {
      try {
        return WhmAnswer.json(400, Json.mapper().writeValueAsString(new ErrorBody("bad_request", e.getMessage())));
      } catch (JacksonException inner) {
        return WhmAnswer.json(400, "{\"error\":\"bad_request\"}");
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("simulator admin {} {} on {} failed: {}", r.method(), r.path(), server.name(), e.toString());
      return new WhmAnswer(500, "text/plain", "simulator error");
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  @Override
  public void close() {
    http.close();
  }
}
