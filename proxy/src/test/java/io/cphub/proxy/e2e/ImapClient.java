package io.cphub.proxy.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A minimal IMAP-over-TLS client that sends exactly the bytes it is given (trusts any certificate). */
final class ImapClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int tag;

  ImapClient(String host, int port) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, new SecureRandom());
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(host, port);
    s.setSoTimeout(20_000);
    s.startHandshake();
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
  }

  String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new java.io.EOFException("server closed the connection after " + b.toString(StandardCharsets.ISO_8859_1));
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1).strip();
  }

  /** Sends {@code <tag> <command bytes>} and returns the tagged reply line. */
  String command(byte[] command) throws IOException {
    String t = "a" + (++tag);
    out.write((t + " ").getBytes(StandardCharsets.US_ASCII));
    out.write(command);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    while (true) {
      String l = line();
      if (l.startsWith(t + " ")) {
        return l.substring(t.length() + 1);
      }
    }
  }

  /** LOGIN with quoted strings holding the given raw bytes. */
  String login(byte[] user, byte[] password) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("LOGIN \"".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(user);
    b.writeBytes("\" \"".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(password);
    b.write('"');
    return command(b.toByteArray());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
