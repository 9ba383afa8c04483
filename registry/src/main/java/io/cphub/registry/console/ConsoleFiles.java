package io.cphub.registry.console;

import io.cphub.model.wire.ErrorBody;
import io.cphub.model.wire.Json;
import io.cphub.registry.RegistryException;
import io.cphub.registry.api.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the console's files from the classpath ({@code io/cphub/registry/console/web/} in the jar):
 * {@code /console/} and {@code /console} answer {@code index.html}, {@code /console/<name>} one
 * file. A name is one path segment of lower-case letters, digits and dashes with a known
 * extension; anything else (dot segments, encoded slashes, sub-directories, other files of the
 * jar) answers 404 without touching the classpath. Every answer, errors included, carries a strict
 * Content-Security-Policy (no inline script or style, nothing from other origins, no framing),
 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and no-referrer. Files
 * are read once and kept (a few tens of KB). Thread-safe.
 */
public final class ConsoleFiles {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final String ROOT = "io/cphub/registry/console/web/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js|png|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "png", "image/png",
      "svg", "image/svg+xml");
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
  private final ClassLoader loader;

  public ConsoleFiles() {
    this(ConsoleFiles.class.getClassLoader());
  }

  ConsoleFiles(ClassLoader loader) {
    this.loader = loader;
  }

  /** The answer to a GET of {@code segments} (the decoded path, starting with {@code console}). */
  public ApiResponse get(List<String> segments) {
    String name = segments.size() == 1 ? "index.html" : segments.size() == 2 ? segments.get(1) : null;
    Matcher m = name == null ? null : NAME.matcher(name);
    if (m == null || !m.matches()) {
      return notFound();
    }
    Optional<byte[]> body = read(name);
    if (body.isEmpty()) {
      return notFound();
    }
    Map<String, String> h = headers();
    h.put("Cache-Control", "no-cache");
    return new ApiResponse(200, TYPES.get(m.group(1)), body.get(), h);
  }

  /** Security headers for a console answer that is not a file (a refusal). */
  public static ApiResponse harden(ApiResponse r) {
    Map<String, String> h = new LinkedHashMap<>(r.headers());
    h.putAll(headers());
    return new ApiResponse(r.status(), r.contentType(), r.body(), h);
  }

  private Optional<byte[]> read(String name) {
    byte[] cached = cache.get(name);
    if (cached != null) {
      return Optional.of(cached);
    }
    try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] b = in.readAllBytes();
      cache.put(name, b);
      return Optional.of(b);
    } catch (IOException e) {
      throw new RegistryException("cannot read console file " + name, e);
    }
  }

  private static ApiResponse notFound() {
    try {
      byte[] body = Json.mapper().writeValueAsBytes(new ErrorBody("not_found", "no such console file"));
      return new ApiResponse(404, "application/json; charset=utf-8", body, headers());
    } catch (IOException e) {
      throw new RegistryException("cannot encode a console error", e);
    }
  }

  private static Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", CSP);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    return h;
  }
}
