package io.cphub.proxy.verify;

import io.cphub.proxy.route.IpLiterals;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Checks a password with an IMAP LOGIN on the backend: greeting, {@code ID ("x-originating-ip"
 * "<client>")} so Dovecot (with the proxy in its login_trusted_networks) accounts the attempt to the
 * real client, then {@code LOGIN} with synchronising literals (any byte is safe), then LOGOUT.
 * The reply is classified by {@link ReplyCodes}; I/O errors and timeouts are {@link BackendProblem}s,
 * never REJECTED. Blocking; stateless and thread-safe.
 */
public final class ImapChecker implements CredentialChecker {
  private final Duration connectTimeout;
  private final Duration timeout;

  public ImapChecker(Duration connectTimeout, Duration timeout) {
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
  }

  @Override
  public CheckOutcome check(String host, int port, String clientIp, byte[] user, byte[] password) {
    boolean connected = false;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      connected = true;
      s.setSoTimeout((int) timeout.toMillis());
      LineReader in = new LineReader(s.getInputStream());
      OutputStream out = s.getOutputStream();
      BackendProblem greeting = ReplyCodes.imapGreeting(in.next());
      if (greeting != null) {
        return greeting;
      }
      if (IpLiterals.isIpLiteral(clientIp)) {
        write(out, "c1 ID (\"x-originating-ip\" \"" + clientIp + "\")\r\n");
        tagged(in, "c1");
      }
      write(out, "c2 LOGIN {" + user.length + "}\r\n");
      String refused = continued(in);
      if (refused != null) {
        return ReplyCodes.imapLogin(refused, "c2");
      }
      out.write(user);
      write(out, " {" + password.length + "}\r\n");
      refused = continued(in);
      if (refused != null) {
        return ReplyCodes.imapLogin(refused, "c2");
      }
      out.write(password);
      write(out, "\r\n");
      CheckOutcome outcome = ReplyCodes.imapLogin(tagged(in, "c2"), "c2");
      write(out, "c3 LOGOUT\r\n");
      return outcome;
    } catch (IOException e) {
      return IoProblems.of(e, connected, host, port);
    } catch (RuntimeException e) {
      return BackendProblem.of(BackendProblem.Kind.GARBLED, host + ":" + port + ": " + e);
    }
  }

  /** Null after a continuation request; the tagged line when the backend refused the literal. */
  private static String continued(LineReader in) throws IOException {
    while (true) {
      String line = in.next();
      if (line.startsWith("+")) {
        return null;
      }
      if (line.startsWith("c2 ")) {
        return line;
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
}
