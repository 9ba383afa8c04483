package io.cphub.proxy.autoconfig;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP response produced by the core: status, headers (besides the content length) and body.
 *
 * @param headers response headers in order; {@code Content-Type} always present
 */
public record AutoconfigResponse(int status, Map<String, String> headers, byte[] body) {

  public AutoconfigResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(body, "body");
  }

  static AutoconfigResponse of(int status, String contentType, String cacheControl, String body) {
    return of(status, contentType, cacheControl, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static AutoconfigResponse of(
      int status, String contentType, String cacheControl, byte[] body, Map<String, String> extra) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType);
    h.put("Cache-Control", cacheControl);
    h.put("X-Content-Type-Options", "nosniff");
    h.putAll(extra);
    return new AutoconfigResponse(status, h, body);
  }

  /** A short plain-text answer; {@code text} must not contain request input. */
  static AutoconfigResponse text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", "no-store", text + "\n");
  }

  /** The named header, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
