package io.cphub.proxy.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One auth_http reply: the header lines nginx reads (without status line and framing) and the
 * result label for metrics and logs. Header names use only {@code [A-Za-z0-9-]} and the whole
 * reply stays far below nginx's 1 KB buffer. Immutable.
 */
public final class AuthReply {
  private final byte[] headers;
  private final String result;

  private AuthReply(byte[] headers, String result) {
    this.headers = headers;
    this.result = result;
  }

  /**
   * Success: where nginx connects, the canonical login when it differs from what the client sent,
   * and the transcoded password when it had to be rewritten (each null when not needed).
   */
  static AuthReply ok(String server, int port, byte[] rewrittenUser, byte[] rewrittenPassword) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    line(b, "Auth-Status: OK");
    line(b, "Auth-Server: " + server);
    line(b, "Auth-Port: " + port);
    if (rewrittenUser != null) {
      b.writeBytes("Auth-User: ".getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(rewrittenUser);
      b.writeBytes(CRLF);
    }
    if (rewrittenPassword != null) {
      b.writeBytes("Auth-Pass: ".getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(rewrittenPassword);
      b.writeBytes(CRLF);
    }
    return new AuthReply(b.toByteArray(), "ok");
  }

  /**
   * True when a success reply with these rewritten values (null: not sent) fits nginx's 1 KB reply
   * buffer whatever the server address and port: status line, the fixed lines with the longest
   * IPv6 literal and port, {@code Auth-User}, {@code Auth-Pass} and the closing lines.
   */
  static boolean okFits(byte[] rewrittenUser, byte[] rewrittenPassword) {
    int fixed = "HTTP/1.1 200 OK\r\nAuth-Status: OK\r\nAuth-Server: \r\nAuth-Port: 65535\r\n".length()
        + 39 + "Content-Length: 0\r\nConnection: close\r\n\r\n".length();
    int user = rewrittenUser == null ? 0 : "Auth-User: \r\n".length() + rewrittenUser.length;
    int pass = rewrittenPassword == null ? 0 : "Auth-Pass: \r\n".length() + rewrittenPassword.length;
    return fixed + user + pass <= NGINX_REPLY_BUFFER;
  }

  /** A failure: {@code Auth-Status} text, optional SMTP error code, optional wait in seconds (< 0: none). */
  static AuthReply failure(String status, String smtpCode, int wait, String result) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    line(b, "Auth-Status: " + status);
    if (smtpCode != null) {
      line(b, "Auth-Error-Code: " + smtpCode);
    }
    if (wait >= 0) {
      line(b, "Auth-Wait: " + wait);
    }
    return new AuthReply(b.toByteArray(), result);
  }

  private static final byte[] CRLF = {'\r', '\n'};
  /** nginx reads the whole auth_http reply head into a buffer of this size. */
  static final int NGINX_REPLY_BUFFER = 1024;

  private static void line(ByteArrayOutputStream b, String s) {
    b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(CRLF);
  }

  /** The header lines, each ending in CRLF. */
  public byte[] headers() {
    return headers;
  }

  /** {@code ok}, {@code invalid}, {@code tls_required}, {@code temporary}, {@code bad_request}, ... */
  public String result() {
    return result;
  }

  @Override
  public String toString() {
    return result;
  }
}
