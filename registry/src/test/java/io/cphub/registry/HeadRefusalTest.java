package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static io.cphub.registry.Fixtures.account;
import static io.cphub.registry.Fixtures.enrol;
import static io.cphub.registry.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.EnrolResult;
import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Refusal on the request head over real sockets: a client streams a 15 MB body, the registry
 * answers from the head and closes, and its own byte counter shows how little it read.
 */
class HeadRefusalTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static final long BODY = 15L * 1024 * 1024;
  static final Pattern RECEIVED = Pattern.compile("(?m)^cphub_registry_http_received_bytes_total ([0-9.eE+]+)$");
  static Registry registry;
  static HttpApi http;
  static String t1;
  static String t2;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db(), Map.of()), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    http = new HttpApi(registry.port());
    t1 = http.json("POST", "/v1/servers", ADMIN, enrol("h1.hoster.test", "10.4.0.1")).as(EnrolResult.class).token();
    t2 = http.json("POST", "/v1/servers", ADMIN, enrol("h2.hoster.test", "10.4.0.2")).as(EnrolResult.class).token();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  /** The status line the client read, and how many body bytes it managed to write. */
  record Upload(String status, long written) {}

  static Upload upload(String head, long bodyBytes) throws Exception {
    try (Socket s = new Socket("127.0.0.1", registry.port())) {
      s.setSoTimeout(10_000);
      AtomicLong written = new AtomicLong();
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = s.getOutputStream();
          out.write(head.getBytes(StandardCharsets.ISO_8859_1));
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) '[');
          while (written.get() < bodyBytes) {
            out.write(chunk);
            written.addAndGet(chunk.length);
          }
          out.flush();
        } catch (IOException e) {
          // the registry closed the connection: what we measure
        }
      });
      writer.start();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      String status = in.readLine();
      writer.join(10_000);
      return new Upload(status, written.get());
    }
  }

  static double received() throws Exception {
    Matcher m = RECEIVED.matcher(http.get("/metrics", null).body());
    assertThat(m.find()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  static String head(String path, String token) {
    return "PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Content-Length: " + BODY + "\r\n\r\n";
  }

  @Test
  void fifteenMegabytesWithoutToken_isRefused401_afterAFewKilobytes() throws Exception {
    double before = received();
    Upload u = upload(head("/v1/servers/h1.hoster.test/snapshot", null), BODY);
    double read = received() - before;
    assertThat(u.status()).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(u.written()).isLessThan(BODY);
    assertThat(read).as("bytes the registry read").isLessThan(16 * 1024);
    System.out.printf("no token: client wrote %d body bytes before the close; registry read %.0f bytes%n",
        u.written(), read);
  }

  @Test
  void otherServersToken_isRefused403_beforeTheBodyIsRead() throws Exception {
    String before = Fixtures.state(PG.db());
    double was = received();
    Upload u = upload(head("/v1/servers/h1.hoster.test/snapshot", t2), BODY);
    double read = received() - was;
    assertThat(u.status()).isEqualTo("HTTP/1.1 403 Forbidden");
    assertThat(read).as("bytes the registry read").isLessThan(16 * 1024);
    assertThat(Fixtures.state(PG.db())).isEqualTo(before);
    System.out.printf("other server's token: client wrote %d body bytes; registry read %.0f bytes%n", u.written(), read);
  }

  @Test
  void unknownToken_isRefused401_beforeTheBodyIsRead() throws Exception {
    double was = received();
    Upload u = upload(head("/v1/servers/h1.hoster.test/snapshot", "cphub_not-a-token"), BODY);
    assertThat(u.status()).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(received() - was).isLessThan(16 * 1024);
  }

  @Test
  void oversizedAccountPush_isRefused413_onItsContentLength() throws Exception {
    double was = received();
    Upload u = upload(head("/v1/servers/h1.hoster.test/accounts/bob", t1), BODY);
    assertThat(u.status()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(received() - was).isLessThan(16 * 1024);
  }

  @Test
  void happyPaths_stillWork_withTheServersOwnTokenAndTheAdmin() throws Exception {
    assertThat(http.json("PUT", "/v1/servers/h1.hoster.test/snapshot", t1,
        snapshot(account("hana", false, "hana.example"))).status()).isEqualTo(200);
    assertThat(http.json("PUT", "/v1/servers/h1.hoster.test/accounts/ivo", t1,
        new AccountPush(account("ivo", false, "ivo.example"), null)).status()).isEqualTo(200);
    assertThat(http.get("/v1/routes/ivo.example", ADMIN).body()).contains("h1.hoster.test");
    assertThat(http.get("/v1/servers", ADMIN).status()).isEqualTo(200);
  }
}
