package io.cphub.simulator;

import com.fasterxml.jackson.core.JacksonException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.ErrorBody;
import io.cphub.simulator.whm.WhmAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of one simulated server (JDK {@code HttpServer}): {@code /json-api/FUNCTION} for
 * WHM API 1 and {@code /admin/...} for state changes. Requests run on the shared executor.
 */
public final class SimulatorHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorHttp.class);
  private static final int MAX_BODY = 1 << 20;

  private final SimulatedServer server;
  private final AdminHandler admin;
  private final HttpServer http;

  public SimulatorHttp(SimulatedServer server, InetSocketAddress bind, ExecutorService executor,
      Function<String, SimulatedServer> peers, Clock clock) throws IOException {
    this.server = server;
    this.admin = new AdminHandler(server, peers, clock);
    this.http = HttpServer.create(bind, 128);
    http.setExecutor(executor);
    http.createContext("/json-api/", this::whm);
    http.createContext("/admin/", this::admin);
    http.start();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public SimulatedServer server() {
    return server;
  }

  private void whm(HttpExchange ex) throws IOException {
    try (ex) {
      String function = ex.getRequestURI().getPath().substring("/json-api/".length());
      WhmAnswer a = server.api().answer(function, query(ex.getRequestURI().getRawQuery()),
          ex.getRequestHeaders().getFirst("Authorization"));
      send(ex, a.status(), a.contentType(), a.body());
    } catch (RuntimeException e) {
      LOG.warn("simulated WHM {} failed: {}", server.name(), e.toString());
      send(ex, 500, "text/plain", "simulator error");
    }
  }

  private void admin(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readNBytes(MAX_BODY);
      try {
        String out = admin.handle(ex.getRequestMethod(), ex.getRequestURI().getPath(), body);
        send(ex, 200, "application/json", out);
      } catch (SimulatorException | JacksonException | IllegalArgumentException e) {
        send(ex, 400, "application/json",
            Json.mapper().writeValueAsString(new ErrorBody("bad_request", e.getMessage())));
      }
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

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Server", "cpsrvd/11.120.0.16");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
