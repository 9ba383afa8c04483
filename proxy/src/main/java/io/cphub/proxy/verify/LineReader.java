package io.cphub.proxy.verify;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads CRLF-terminated protocol lines with a length cap. Not thread-safe; one per connection. */
final class LineReader {
  private static final int MAX_LINE = 8192;
  private final InputStream in;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line without its line ending, decoded as ISO-8859-1 so every byte survives. */
  String next() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("backend closed the connection");
      }
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (b.size() >= MAX_LINE) {
        throw new IOException("backend line longer than " + MAX_LINE + " bytes");
      }
      b.write(c);
    }
  }
}
