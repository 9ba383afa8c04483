package io.cphub.proxy.verify;

import io.cphub.proxy.route.IpLiterals;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a password with an IMAP LOGIN on the backend: greeting, {@code ID ("x-originating-ip"
 * "<client>")} so Dovecot (with the proxy in its login_trusted_networks) accounts the attempt to the
 * real client, then {@code LOGIN} with synchronising literals (any byte is safe), then LOGOUT.
 * {@code NO [UNAVAILABLE]}, a BYE greeting, I/O errors and timeouts are UNAVAILABLE, never REJECTED.
 * Stateless and thread-safe.
 */
public final class ImapChecker implements CredentialChecker {
  private static final Logger LOG = LoggerFactory.getLogger(ImapChecker.class);
  private final Duration connectTimeout;
  private final Duration timeout;

  public ImapChecker(Duration connectTimeout, Duration timeout) {
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
  }

  @Override
  public CheckResult check(String host, int port, String clientIp, byte[] user, byte[] password) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      LineReader in = new LineReader(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String greeting = in.next();
      if (!greeting.regionMatches(true, 0, "* OK", 0, 4)) {
        LOG.warn("IMAP backend {}:{} greeted with {}", host, port, abbreviate(greeting));
        return CheckResult.UNAVAILABLE;
      }
      if (IpLiterals.isIpLiteral(clientIp)) {
        write(out, "c1 ID (\"x-originating-ip\" \"" + clientIp + "\")\r\n");
        tagged(in, "c1");
      }
      write(out, "c2 LOGIN {" + user.length + "}\r\n");
      if (!continued(in)) {
        return CheckResult.UNAVAILABLE;
      }
      out.write(user);
      write(out, " {" + password.length + "}\r\n");
      if (!continued(in)) {
        return CheckResult.UNAVAILABLE;
      }
      out.write(password);
      write(out, "\r\n");
      String reply = tagged(in, "c2");
      write(out, "c3 LOGOUT\r\n");
      String status = reply.substring(3).toUpperCase(Locale.ROOT);
      if (status.startsWith("OK")) {
        return CheckResult.ACCEPTED;
      }
      if (status.startsWith("NO [UNAVAILABLE]") || status.startsWith("NO [SERVERBUG]")) {
        return CheckResult.UNAVAILABLE;
      }
      return CheckResult.REJECTED;
    } catch (IOException | RuntimeException e) {
      LOG.warn("IMAP backend {}:{} unavailable for a password check: {}", host, port, e.toString());
      return CheckResult.UNAVAILABLE;
    }
  }

  private static boolean continued(LineReader in) throws IOException {
    while (true) {
      String line = in.next();
      if (line.startsWith("+")) {
        return true;
      }
      if (line.startsWith("c2 ")) {
        return false;
      }
    }
  }

  private static String tagged(LineReader in, String tag) throws IOException {
    while (true) {
      String line = in.next();
      if (line.startsWith(tag + " ")) {
        return line;
      }
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  static String abbreviate(String line) {
    return io.cphub.model.Printable.of(line);
  }
}
