package io.cphub.simulator.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x request from a stream, with limits: head at most {@link #MAX_HEAD} bytes,
 * body (by {@code Content-Length} or chunked) at most {@code maxBody}. Stateless.
 */
final class RequestReader {
  static final int MAX_HEAD = 64 * 1024;

  /** A request that cannot be served; {@code status} is the answer to give before closing. */
  static final class Malformed extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    Malformed(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private RequestReader() {}

  /** The next request, or null when the client closed the connection before sending a byte. */
  static Request read(InputStream in, int maxBody) throws IOException {
    int[] headBytes = {0};
    String requestLine = line(in, headBytes, true);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new Malformed(400, "bad request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in, headBytes, false); !h.isEmpty(); h = line(in, headBytes, false)) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new Malformed(400, "bad header line");
      }
      headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive = parts[2].equals("HTTP/1.0") ? connection.contains("keep-alive") : !connection.contains("close");
    return new Request(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
        headers, body(in, headers, maxBody), keepAlive);
  }

  private static byte[] body(InputStream in, Map<String, String> headers, int maxBody) throws IOException {
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int[] count = {0};
      for (int size = chunkSize(in, count); size > 0; size = chunkSize(in, count)) {
        if (out.size() + size > maxBody) {
          throw new Malformed(413, "body larger than " + maxBody + " bytes");
        }
        out.write(exactly(in, size));
        line(in, count, false);
      }
      for (String trailer = line(in, count, false); !trailer.isEmpty(); trailer = line(in, count, false)) {
        // trailers are ignored
      }
      return out.toByteArray();
    }
    String length = headers.get("content-length");
    if (length == null) {
      return new byte[0];
    }
    long n;
    try {
      n = Long.parseLong(length);
    } catch (NumberFormatException e) {
      throw new Malformed(400, "bad Content-Length");
    }
    if (n < 0 || n > maxBody) {
      throw new Malformed(413, "body larger than " + maxBody + " bytes");
    }
    return exactly(in, (int) n);
  }

  private static int chunkSize(InputStream in, int[] count) throws IOException {
    String line = line(in, count, false);
    int semi = line.indexOf(';');
    try {
      return Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).strip(), 16);
    } catch (NumberFormatException e) {
      throw new Malformed(400, "bad chunk size");
    }
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new Malformed(400, "body shorter than announced");
    }
    return b;
  }

  /** One CRLF- (or LF-) terminated line; null only when {@code eofOk} and nothing was read. */
  private static String line(InputStream in, int[] count, boolean eofOk) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (eofOk && b.size() == 0) {
          return null;
        }
        throw new Malformed(400, "connection closed inside the request");
      }
      if (++count[0] > MAX_HEAD) {
        throw new Malformed(431, "request head larger than " + MAX_HEAD + " bytes");
      }
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
  }
}
