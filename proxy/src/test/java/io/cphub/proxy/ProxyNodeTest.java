package io.cphub.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.proxy.auth.LoginGuard;
import io.cphub.proxy.config.ConfigLoader;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.route.FeedWriter;
import io.cphub.testkit.PostgresExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole node on real sockets: database → table → auth_http answer, metrics, health, table file. */
class ProxyNodeTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @TempDir
  Path dir;

  @Test
  void servesRoutesFromTheDatabase_exposesMetricsAndHealth_andWritesTheTableFile() throws Exception {
    Map<String, String> env = Map.of(
        "CPHUB_DB_URL", PG.db().url(), "CPHUB_DB_USER", PG.db().user(),
        "CPHUB_DB_PASSWORD", PG.db().password() == null ? "" : PG.db().password(),
        "CPHUB_AUTH_LISTEN", "127.0.0.1:0", "CPHUB_ADMIN_LISTEN", "127.0.0.1:0",
        "CPHUB_VERIFY_MODE", "none", "CPHUB_TABLE_FILE", dir.resolve("routes.bin").toString(),
        "CPHUB_FEED_POLL_INTERVAL", "200ms", "CPHUB_AUTH_READ_TIMEOUT", "300ms");
    ProxyConfig c = ConfigLoader.load(null, env);
    int server;
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      server = w.server("s1.hoster.test", "10.0.0.1", 1143);
      w.commit(List.of(FeedWriter.Op.domain("example.com", server)));
    }
    try (ProxyNode node = ProxyNode.start(c, Clock.systemUTC(), LoginGuard.NONE)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (node.live().current().forDomain("example.com") == null && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      String reply = ask(node.authPort(), "GET /auth HTTP/1.0\r\nHost: localhost\r\nAuth-Method: plain\r\n"
          + "Auth-User: alice@example.com\r\nAuth-Pass: pw\r\nAuth-Protocol: imap\r\nAuth-Login-Attempt: 1\r\n"
          + "Client-IP: 192.0.2.1\r\nAuth-SSL: on\r\n\r\n");
      assertThat(reply).isEqualTo("HTTP/1.0 200 OK\r\nAuth-Status: OK\r\nAuth-Server: 10.0.0.1\r\nAuth-Port: 1143\r\n"
          + "Content-Length: 0\r\nConnection: close\r\n\r\n");

      assertThat(ask(node.authPort(), "GET /auth HTTP/1.0\r\nAuth-Method: pl"))
          .as("a slow client gets a failure reply when the read timeout fires")
          .isEqualTo("HTTP/1.0 200 OK\r\nAuth-Status: Invalid request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("cphub_proxy_logins_total{protocol=\"imap\",result=\"ok\"} 1")
          .contains("cphub_proxy_routes{kind=\"domain\"} 1").contains("cphub_proxy_feed_version")
          .contains("cphub_proxy_table_staleness_seconds").contains("cphub_proxy_lookup_seconds_bucket");
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.adminPort() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"source\":\"database\"");
      while (!Files.exists(dir.resolve("routes.bin")) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    assertThat(dir.resolve("routes.bin")).exists();

    Map<String, String> offline = new java.util.HashMap<>(env);
    offline.put("CPHUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/none");
    offline.put("CPHUB_DB_CONNECT_TIMEOUT", "1s");
    try (ProxyNode node = ProxyNode.start(ConfigLoader.load(null, offline), Clock.systemUTC(), LoginGuard.NONE)) {
      assertThat(node.live().current().forDomain("example.com").id()).isEqualTo(server);
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.adminPort() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"status\":\"file\"");
    }
  }

  static String ask(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
