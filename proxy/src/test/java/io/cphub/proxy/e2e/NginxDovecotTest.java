package io.cphub.proxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cphub.proxy.ProxyNode;
import io.cphub.proxy.auth.LoginGuard;
import io.cphub.proxy.config.ConfigLoader;
import io.cphub.proxy.route.FeedWriter;
import io.cphub.testkit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real nginx (mail module, TLS) in front of the proxy's auth_http, real Dovecot behind it on two
 * loopback addresses. The Dovecot mail location contains the local address ({@code %l}), so the
 * test sees on disk which backend a session reached.
 */
class NginxDovecotTest {
  static final String NGINX = "/usr/sbin/nginx";
  static final String MAIL_MODULE = "/usr/lib/nginx/modules/ngx_mail_module.so";
  static final String DOVECOT = "/usr/sbin/dovecot";
  static final String OPENSSL = "/usr/bin/openssl";

  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  static Path dir;
  static ChildProcesses children;
  static ProxyNode proxy;
  static int nginxPort;

  @BeforeAll
  static void start() throws Exception {
    boolean present = ChildProcesses.executable(NGINX) && Files.exists(Path.of(MAIL_MODULE))
        && ChildProcesses.executable(DOVECOT) && ChildProcesses.executable(OPENSSL);
    if (!present) {
      System.out.println("NginxDovecotTest skipped: needs " + NGINX + ", " + MAIL_MODULE + ", " + DOVECOT + ", "
          + OPENSSL + " (apt: nginx-light libnginx-mod-mail dovecot-imapd openssl)");
    }
    assumeTrue(present, "nginx with the mail module, dovecot and openssl are not installed");
    dir = Files.createTempDirectory("cphub-e2e-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    children = new ChildProcesses();
    int imapPort = ChildProcesses.freePort("127.0.0.2");
    startDovecot(imapPort);
    try (FeedWriter w = new FeedWriter(PG.db().connect())) {
      int a = w.server("a.hoster.test", "127.0.0.2", null);
      int b = w.server("b.hoster.test", "127.0.0.3", null);
      w.commit(List.of(FeedWriter.Op.domain("a.example", a), FeedWriter.Op.domain("b.example", b)));
    }
    Map<String, String> env = new HashMap<>(Map.of(
        "CPHUB_DB_URL", PG.db().url(), "CPHUB_DB_USER", PG.db().user(),
        "CPHUB_AUTH_LISTEN", "127.0.0.1:0", "CPHUB_ADMIN_LISTEN", "127.0.0.1:0",
        "CPHUB_VERIFY_MODE", "imap", "CPHUB_BACKEND_IMAP_PORT", Integer.toString(imapPort),
        "CPHUB_TABLE_FILE", dir.resolve("routes.bin").toString(), "CPHUB_FEED_POLL_INTERVAL", "200ms"));
    if (PG.db().password() != null) {
      env.put("CPHUB_DB_PASSWORD", PG.db().password());
    }
    proxy = ProxyNode.start(ConfigLoader.load(null, env), Clock.systemUTC(), LoginGuard.NONE);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (proxy.live().current().forDomain("b.example") == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    startNginx(proxy.authPort());
  }

  static void startDovecot(int port) throws Exception {
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(dir.resolve("passwd"), "alice@b.example:{PLAIN}secret::::::\n"
        + "jo@a.example:{PLAIN}Müller-pw::::::\n", StandardCharsets.UTF_8);
    boolean root = "root".equals(System.getProperty("user.name"));
    String me = System.getProperty("user.name");
    String users = root ? "uid=dovecot gid=dovecot" : "uid=" + me + " gid=" + me;
    String conf = String.join("\n",
        "base_dir = " + dir.resolve("run"),
        "state_dir = " + dir.resolve("state"),
        "log_path = " + dir.resolve("dovecot.log"),
        "protocols = imap",
        "listen = 127.0.0.2, 127.0.0.3",
        "ssl = no",
        "disable_plaintext_auth = no",
        "auth_failure_delay = 0",
        "first_valid_uid = 1",
        "login_trusted_networks = 127.0.0.0/8",
        "mail_location = maildir:" + mail + "/%l/%u",
        root ? "" : "default_internal_user = " + me + "\ndefault_login_user = " + me + "\ndefault_internal_group = " + me,
        "service imap-login {",
        "  inet_listener imap {",
        "    port = " + port,
        "  }",
        "  inet_listener imaps {",
        "    port = 0",
        "  }",
        "}",
        "service anvil {",
        "  chroot =",
        "}",
        "service imap-login {",
        "  chroot =",
        "}",
        "passdb {",
        "  driver = passwd-file",
        "  args = scheme=PLAIN username_format=%u " + dir.resolve("passwd"),
        "}",
        "userdb {",
        "  driver = static",
        "  args = " + users + " home=" + mail + "/home/%u allow_all_users=yes",
        "}",
        "");
    Path file = dir.resolve("dovecot.conf");
    Files.writeString(file, conf);
    Path log = dir.resolve("dovecot.out");
    Process p = children.start(log, DOVECOT, "-F", "-c", file.toString());
    ChildProcesses.awaitPort("127.0.0.3", port, p, dir.resolve("dovecot.log"));
  }

  static void startNginx(int authPort) throws Exception {
    ChildProcesses.run(OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
        "/CN=mail.test", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
    nginxPort = ChildProcesses.freePort("127.0.0.1");
    String conf = String.join("\n",
        "load_module " + MAIL_MODULE + ";",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("nginx-error.log") + " info;",
        "events { worker_connections 128; }",
        "mail {",
        "  server_name mail.test;",
        "  auth_http 127.0.0.1:" + authPort + "/auth;",
        "  proxy_pass_error_message on;",
        "  imap_capabilities IMAP4rev1 LITERAL+;",
        "  ssl_certificate " + dir.resolve("cert.pem") + ";",
        "  ssl_certificate_key " + dir.resolve("key.pem") + ";",
        "  server {",
        "    listen 127.0.0.1:" + nginxPort + " ssl;",
        "    protocol imap;",
        "  }",
        "}",
        "");
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p = children.start(dir.resolve("nginx.out"), NGINX, "-p", dir.toString(), "-e",
        dir.resolve("nginx-error.log").toString(), "-c", file.toString(), "-g", "daemon off;");
    ChildProcesses.awaitPort("127.0.0.1", nginxPort, p, dir.resolve("nginx-error.log"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (children != null) {
      children.close();
    }
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void imapOverTls_logsInAtTheRoutedBackend() throws Exception {
    try (ImapClient c = new ImapClient("127.0.0.1", nginxPort)) {
      assertThat(c.line()).startsWith("* OK");
      assertThat(c.login(utf8("alice@b.example"), utf8("secret"))).startsWith("OK");
      assertThat(c.command(utf8("SELECT INBOX"))).startsWith("OK");
      c.command(utf8("LOGOUT"));
    }
    assertThat(dir.resolve("mail/127.0.0.3/alice@b.example")).isDirectory();
    assertThat(dir.resolve("mail/127.0.0.2/alice@b.example")).doesNotExist();
  }

  @Test
  void wrongPassword_isRefused() throws Exception {
    try (ImapClient c = new ImapClient("127.0.0.1", nginxPort)) {
      assertThat(c.line()).startsWith("* OK");
      assertThat(c.login(utf8("alice@b.example"), utf8("wrong"))).startsWith("NO").contains("AUTHENTICATIONFAILED");
    }
  }

  @Test
  void umlautPassword_worksAsUtf8_andAsLatin1() throws Exception {
    try (ImapClient c = new ImapClient("127.0.0.1", nginxPort)) {
      assertThat(c.line()).startsWith("* OK");
      assertThat(c.login(utf8("jo@a.example"), utf8("Müller-pw"))).startsWith("OK");
      assertThat(c.command(utf8("SELECT INBOX"))).startsWith("OK");
    }
    try (ImapClient c = new ImapClient("127.0.0.1", nginxPort)) {
      assertThat(c.line()).startsWith("* OK");
      assertThat(c.login(utf8("jo@a.example"), "Müller-pw".getBytes(StandardCharsets.ISO_8859_1))).startsWith("OK");
      assertThat(c.command(utf8("SELECT INBOX"))).startsWith("OK");
    }
    assertThat(dir.resolve("mail/127.0.0.2/jo@a.example")).isDirectory();
  }
}
