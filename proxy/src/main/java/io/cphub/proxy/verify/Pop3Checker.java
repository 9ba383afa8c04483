package io.cphub.proxy.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Checks a password with POP3 {@code USER}/{@code PASS} on the backend, then QUIT. Replies are
 * classified by {@link ReplyCodes} ({@code -ERR [AUTH]} or a bare {@code -ERR} is a wrong password,
 * {@code [SYS/TEMP]}, {@code [IN-USE]}, {@code [LOGIN-DELAY]} and the rest are backend problems);
 * I/O errors and timeouts are {@link BackendProblem}s. A login or password holding CR, LF or NUL
 * cannot be sent in POP3 and is REJECTED. Blocking; stateless and thread-safe.
 */
public final class Pop3Checker implements CredentialChecker {
  private final Duration connectTimeout;
  private final Duration timeout;

  public Pop3Checker(Duration connectTimeout, Duration timeout) {
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
  }

  @Override
  public CheckOutcome check(String host, int port, String clientIp, byte[] user, byte[] password) {
    if (hasLineBreak(user) || hasLineBreak(password)) {
      return CheckResult.REJECTED;
    }
    boolean connected = false;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      connected = true;
      s.setSoTimeout((int) timeout.toMillis());
      LineReader in = new LineReader(s.getInputStream());
      OutputStream out = s.getOutputStream();
      BackendProblem greeting = ReplyCodes.pop3Greeting(in.next());
      if (greeting != null) {
        return greeting;
      }
      send(out, "USER ".getBytes(StandardCharsets.US_ASCII), user);
      CheckOutcome u = ReplyCodes.pop3(in.next());
      if (u != null) {
        return u;
      }
      send(out, "PASS ".getBytes(StandardCharsets.US_ASCII), password);
      CheckOutcome p = ReplyCodes.pop3(in.next());
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return p == null ? CheckResult.ACCEPTED : p;
    } catch (IOException e) {
      return IoProblems.of(e, connected, host, port);
    } catch (RuntimeException e) {
      return BackendProblem.of(BackendProblem.Kind.GARBLED, host + ":" + port + ": " + e);
    }
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
