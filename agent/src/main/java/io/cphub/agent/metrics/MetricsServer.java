package io.cphub.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cphub.agent.AgentException;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's metrics listener ({@code metrics.listen}): {@code GET /metrics} answers the
 * Prometheus text format; any other path is 404, any other method 405, and a request with a body
 * is refused. The JDK's HTTP server on one daemon thread: a scrape never touches the sync loop.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code host:port} (port 0: any free one); a port in use is an {@link AgentException} naming the key. */
  public static MetricsServer start(String host, int port, PrometheusRegistry registry) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new AgentException("metrics.listen " + host + ":" + port + ": cannot listen: " + e, e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cphub-metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, registry));
    server.start();
    MetricsServer started = new MetricsServer(server, executor);
    LOG.info("metrics on http://{}:{}/metrics", host, started.port());
    return started;
  }

  private static void handle(HttpExchange exchange, PrometheusRegistry registry) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean hasBody = exchange.getRequestHeaders().containsKey("Content-Length")
          && !"0".equals(exchange.getRequestHeaders().getFirst("Content-Length"))
          || exchange.getRequestHeaders().containsKey("Transfer-Encoding");
      if (!exchange.getRequestMethod().equals("GET")) {
        reply(exchange, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.US_ASCII));
      } else if (hasBody) {
        reply(exchange, 400, "text/plain", "no body expected\n".getBytes(StandardCharsets.US_ASCII));
      } else if (!path.equals("/metrics")) {
        reply(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        WRITER.write(out, registry.scrape());
        reply(exchange, 200, WRITER.getContentType(), out.toByteArray());
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("metrics request from {}: {}", exchange.getRemoteAddress(), e.toString());
    }
  }

  private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Connection", "close");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
