package io.cphub.agent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.Json;
import io.cphub.registry.Registry;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.registry.config.RegistryConfig;
import io.cphub.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real registry, in-process on a real PostgreSQL, plus a small admin client for its API. */
final class RegistryHarness implements AutoCloseable {
  static final String ADMIN = "admin-token-for-agent-tests-0123456789";
  private final TestDatabase db;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile Registry registry;
  private volatile int port;

  RegistryHarness(TestDatabase db) throws InterruptedException {
    this.db = db;
    start(0);
  }

  void start(int wantedPort) throws InterruptedException {
    registry = Registry.start(registryConfig(db, wantedPort), Clock.systemUTC());
    port = registry.port();
  }

  private static RegistryConfig registryConfig(TestDatabase db, int port) {
    Map<String, String> v = new HashMap<>();
    v.put("db.url", db.url());
    v.put("db.user", db.user());
    v.put("db.password", db.password());
    v.put("db.pool-size", "4");
    v.put("http.port", String.valueOf(port));
    v.put("http.worker-threads", "4");
    v.put("admin.token", ADMIN);
    return ConfigLoader.of(v);
  }

  /** Stops the registry; {@link #restart()} brings it back on the same port. */
  void stop() {
    registry.close();
  }

  void restart() throws InterruptedException {
    start(port);
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Enrols a server and returns its bearer token. */
  String enrol(String name, String address) throws Exception {
    HttpResponse<String> r = send("POST", "/v1/servers", Json.mapper().writeValueAsString(
        new EnrolRequest(name, address, null, null, null)));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("enrol " + name + ": " + r.statusCode() + " " + r.body());
    }
    return Json.mapper().readTree(r.body()).get("token").asText();
  }

  /** The route's server name, or null when the registry answers 404. */
  JsonNode route(String key) throws Exception {
    HttpResponse<String> r = send("GET", "/v1/routes/" + key, null);
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException("route " + key + ": " + r.statusCode() + " " + r.body());
    }
    return Json.mapper().readTree(r.body());
  }

  String serverOf(String key) throws Exception {
    JsonNode r = route(key);
    return r == null ? null : r.get("server").asText();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + ADMIN).timeout(Duration.ofSeconds(5));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    registry.close();
  }
}
