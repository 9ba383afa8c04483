package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.proxy.ProxyNode;
import io.cphub.proxy.config.ConfigLoader;
import io.cphub.proxy.route.RouteTable;
import io.cphub.testkit.PostgresExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole node as {@code serve} starts it: the configured guard answers on auth_http, writes bans, exports metrics. */
class ProxyNodeGuardTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @TempDir
  Path dir;

  @Test
  void theConfiguredGuard_bansADictionaryRun_storesTheBan_andExportsMetrics() throws Exception {
    Map<String, String> env = Map.of(
        "CPHUB_DB_URL", PG.db().url(), "CPHUB_DB_USER", PG.db().user(),
        "CPHUB_DB_PASSWORD", PG.db().password() == null ? "" : PG.db().password(),
        "CPHUB_AUTH_LISTEN", "127.0.0.1:0", "CPHUB_ADMIN_LISTEN", "127.0.0.1:0", "CPHUB_VERIFY_MODE", "none",
        "CPHUB_TABLE_FILE", dir.resolve("routes.bin").toString(), "CPHUB_ABUSE_NODE", "mx-test",
        "CPHUB_ABUSE_IP_BAN_AFTER", "5", "CPHUB_ABUSE_NET_BAN_AFTER", "50");
    try (ProxyNode node = ProxyNode.start(ConfigLoader.load(null, env), Clock.systemUTC())) {
      long loaded = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (node.live().current().source() == RouteTable.Source.EMPTY && System.nanoTime() < loaded) {
        Thread.sleep(10);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(ask(node.authPort(), "nobody" + i + "@unknown.example")).contains("Auth-Status: [AUTHENTICATIONFAILED]");
      }
      String reason = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (reason == null && System.nanoTime() < deadline) {
        try (Connection c = PG.db().connect(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT reason, created_by, failures FROM ban WHERE kind = 'ip'"
                + " AND key = '198.51.100.7'")) {
          if (rs.next()) {
            reason = rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3);
          }
        }
        Thread.sleep(20);
      }
      assertThat(reason).isEqualTo("ip-failures mx-test 5");
      HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body())
          .contains("cphub_proxy_abuse_bans_total{kind=\"ip\",reason=\"ip-failures\"} 1.0")
          .contains("cphub_proxy_abuse_outcomes_total{outcome=\"failure\"} 5.0")
          .contains("cphub_proxy_abuse_active_bans{kind=\"ip\"} 1")
          .contains("cphub_proxy_abuse_store_connected 1");
    }
  }

  private static String ask(int port, String user) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /auth HTTP/1.0\r\nHost: localhost\r\nAuth-Method: plain\r\nAuth-User: " + user
          + "\r\nAuth-Pass: pw\r\nAuth-Protocol: imap\r\nAuth-Login-Attempt: 1\r\nClient-IP: 198.51.100.7\r\n"
          + "Auth-SSL: on\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
