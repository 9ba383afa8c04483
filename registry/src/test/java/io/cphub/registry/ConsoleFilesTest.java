package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's static files: served without a token from the jar's resources with a strict
 * Content-Security-Policy and the anti-sniffing and anti-framing headers; nothing outside the
 * console's own files, whatever the path (dot segments, encoded slashes and dots, NUL, other
 * resources of the jar); its data calls still need a token. Raw requests over a socket, so no
 * client normalises the hostile paths first.
 */
class ConsoleFilesTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static Registry registry;
  static HttpApi http;

  @BeforeAll
  static void start() throws Exception {
    registry = Registry.start(Fixtures.config(PG.db()), new MutableClock(Instant.parse("2026-07-01T00:00:00Z")));
    http = new HttpApi(registry.port());
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  /** One raw HTTP/1.1 request; the whole answer as text. */
  static String raw(String requestLine, String... headers) throws Exception {
    try (Socket s = new Socket("127.0.0.1", registry.port())) {
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      for (String h : headers) {
        req.append(h).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    }
  }

  static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  static void assertHardened(String answer) {
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    assertThat(head).contains("content-security-policy: default-src 'self'; script-src 'self'; style-src 'self';")
        .contains("frame-ancestors 'none'").contains("x-content-type-options: nosniff")
        .contains("x-frame-options: deny").contains("referrer-policy: no-referrer")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("set-cookie");
  }

  @Test
  void theShell_isServedWithoutAToken_withAStrictPolicy() throws Exception {
    for (String path : List.of("/console/", "/console", "/console/index.html")) {
      String a = raw("GET " + path + " HTTP/1.1");
      assertThat(status(a)).as(path).isEqualTo(200);
      assertThat(a).contains("content-type: text/html; charset=utf-8").contains("<script type=\"module\" src=\"/console/main.js\">");
      assertHardened(a);
    }
    String js = raw("GET /console/main.js HTTP/1.1");
    assertThat(status(js)).isEqualTo(200);
    assertThat(js).contains("content-type: text/javascript; charset=utf-8");
    assertHardened(js);
    String css = raw("GET /console/console.css HTTP/1.1");
    assertThat(css).contains("content-type: text/css; charset=utf-8");
    assertHardened(css);
  }

  @Test
  void pathsOutsideTheConsolesFiles_areNotFound() throws Exception {
    List<String> hostile = List.of(
        "/console/../v1/servers", "/console/../../../../etc/passwd", "/console/%2e%2e/%2e%2e/etc/passwd",
        "/console/..%2f..%2f..%2fetc%2fpasswd", "/console/%2e%2e%2fpom.xml", "/console/..%5c..%5cwin.ini",
        "/console/ConsoleFiles.class", "/console/logback.xml", "/console/..%2flogback.xml",
        "/console/io/cphub/registry/console/main.js", "/console/./main.js", "/console/main.js%00.html",
        "/console/%00", "/console/.main.js", "/console/MAIN.JS", "/console/main.js.map",
        "/console/no-such-file.js", "/console/%252e%252e%252fpom.xml", "/console/" + "a".repeat(70) + ".js",
        "/console/file:%2f%2f%2fetc%2fpasswd", "/console/main.js?../../pom.xml=1");
    for (String path : hostile) {
      String a = raw("GET " + path + " HTTP/1.1");
      int status = status(a);
      if (path.startsWith("/console/main.js?")) {
        assertThat(status).as(path).isEqualTo(200); // the query is not part of the name
        continue;
      }
      assertThat(status).as(path + "\n" + a).isEqualTo(404);
      assertThat(a).as(path).doesNotContain("root:").doesNotContain("<project").doesNotContain("import ");
      assertHardened(a);
    }
    String a = raw("GET /v1/../console/main.js HTTP/1.1");
    assertThat(status(a)).isEqualTo(404);
  }

  @Test
  void onlyGet_andNoBody() throws Exception {
    for (String m : List.of("POST", "PUT", "DELETE", "PATCH")) {
      String a = raw(m + " /console/ HTTP/1.1", "Content-Length: 0");
      assertThat(status(a)).as(m).isEqualTo(405);
      assertHardened(a);
    }
    assertThat(status(raw("GET /console/ HTTP/1.1", "Content-Length: 5"))).isEqualTo(413);
  }

  @Test
  void theConsolesDataCalls_needAnOperatorToken() throws Exception {
    for (String path : List.of("/v1/servers", "/v1/contests", "/v1/conflicts", "/v1/account-conflicts", "/v1/pins",
        "/v1/bans", "/v1/routes/a@b.example", "/v1/changes", "/v1/audit")) {
      assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
      assertThat(http.get(path, "console-guess").status()).as(path).isEqualTo(401);
      assertThat(http.get(path, ADMIN).status()).as(path).isIn(200, 404);
    }
    String a = raw("GET /v1/servers HTTP/1.1", "Cookie: token=" + ADMIN);
    assertThat(status(a)).as("a cookie is no credential").isEqualTo(401);
  }

  @Test
  void theConsolesFiles_buildTheDomFromText_andLoadNothingFromElsewhere() throws Exception {
    URL index = ConsoleFilesTest.class.getClassLoader().getResource("io/cphub/registry/console/web/index.html");
    Path dir = Path.of(index.toURI()).getParent();
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String text = Files.readString(f).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        String name = f.getFileName().toString();
        assertThat(text).as(name).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
            .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function")
            .doesNotContain("http://").doesNotContain("https://").doesNotContain("document.cookie")
            .doesNotContain("localStorage");
        if (name.endsWith(".html")) {
          assertThat(inlineScript.matcher(text).find()).as(name + " has an inline script").isFalse();
        }
        assertThat(text).as(name).doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
      }
    }
  }
}
