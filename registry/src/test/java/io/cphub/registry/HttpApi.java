package io.cphub.registry;

import io.cphub.model.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small java.net.http client for the registry under test, over a real socket. */
final class HttpApi {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  HttpApi(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response: status, body text and headers. */
  record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    <T> T as(Class<T> type) throws Exception {
      return Json.mapper().readValue(body, type);
    }

    String error() throws Exception {
      return Json.mapper().readTree(body).path("error").asText();
    }
  }

  Reply send(String method, String path, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  Reply json(String method, String path, String token, Object value) throws Exception {
    return send(method, path, token, "application/json", Json.mapper().writeValueAsString(value));
  }

  Reply get(String path, String token) throws Exception {
    return send("GET", path, token, null, null);
  }
}
