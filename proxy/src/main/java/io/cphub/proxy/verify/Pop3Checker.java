package io.cphub.proxy.verify;

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
 * Checks a password with POP3 {@code USER}/{@code PASS} on the backend, then QUIT. {@code -ERR
 * [SYS/...]} (RFC 3206), I/O errors and timeouts are UNAVAILABLE; other {@code -ERR} replies are
 * REJECTED. A login or password holding CR, LF or NUL cannot be sent in POP3 and is REJECTED.
 * Stateless and thread-safe.
 */
public final class Pop3Checker implements CredentialChecker {
  private static final Logger LOG = LoggerFactory.getLogger(Pop3Checker.class);
  private final Duration connectTimeout;
  private final Duration timeout;

  public Pop3Checker(Duration connectTimeout, Duration timeout) {
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
  }

  @Override
  public CheckResult check(String host, int port, String clientIp, byte[] user, byte[] password) {
    if (hasLineBreak(user) || hasLineBreak(password)) {
      return CheckResult.REJECTED;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      LineReader in = new LineReader(s.getInputStream());
      OutputStream out = s.getOutputStream();
      if (!in.next().startsWith("+OK")) {
        return CheckResult.UNAVAILABLE;
      }
      send(out, "USER ".getBytes(StandardCharsets.US_ASCII), user);
      String u = in.next();
      if (!u.startsWith("+OK")) {
        return classify(u);
      }
      send(out, "PASS ".getBytes(StandardCharsets.US_ASCII), password);
      String p = in.next();
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return p.startsWith("+OK") ? CheckResult.ACCEPTED : classify(p);
    } catch (IOException | RuntimeException e) {
      LOG.warn("POP3 backend {}:{} unavailable for a password check: {}", host, port, e.toString());
      return CheckResult.UNAVAILABLE;
    }
  }

  private static CheckResult classify(String line) {
    return line.toUpperCase(Locale.ROOT).startsWith("-ERR [SYS/") ? CheckResult.UNAVAILABLE : CheckResult.REJECTED;
  }

  private static void send(OutputStream out, byte[] verb, byte[] arg) throws IOException {
    out.write(verb);
    out.write(arg);
    out.write('\r');
    out.write('\n');
    out.flush();
  }

  private static boolean hasLineBreak(byte[] b) {
    for (byte x : b) {
      if (x == '\r' || x == '\n' || x == 0) {
        return true;
      }
    }
    return false;
  }
}
