package io.cphub.proxy.auth;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cuts the byte stream into HTTP request heads and parses each into a {@link RawRequest} at the byte
 * level: no charset decoding, no header-value validation by a generic HTTP stack. Anything
 * malformed (oversized head, bad request line, control bytes, duplicate headers, a body) becomes a
 * RawRequest with a problem, after which the connection reads nothing more. One instance per channel.
 */
final class AuthRequestDecoder extends ByteToMessageDecoder {
  private final int maxHeaderBytes;
  private boolean done;

  AuthRequestDecoder(int maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (done) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int end = headEnd(in);
    if (end < 0) {
      if (in.readableBytes() > maxHeaderBytes) {
        in.skipBytes(in.readableBytes());
        fail(out, "request head longer than " + maxHeaderBytes + " bytes");
      }
      return;
    }
    int length = end - in.readerIndex();
    if (length > maxHeaderBytes) {
      in.skipBytes(in.readableBytes());
      fail(out, "request head longer than " + maxHeaderBytes + " bytes");
      return;
    }
    byte[] head = new byte[length];
    in.readBytes(head);
    RawRequest r = parse(head);
    if (r.problem() != null || !r.keepAlive()) {
      done = true;
      in.skipBytes(in.readableBytes());
    }
    out.add(r);
  }

  private void fail(List<Object> out, String problem) {
    done = true;
    out.add(RawRequest.malformed(problem, false));
  }

  /** Index just past the blank line ending the head, or -1. Accepts CRLF and bare LF line ends. */
  static int headEnd(ByteBuf in) {
    int start = in.readerIndex();
    int limit = in.writerIndex();
    for (int i = start; i < limit; i++) {
      if (in.getByte(i) != '\n') {
        continue;
      }
      if (i + 1 < limit && in.getByte(i + 1) == '\n') {
        return i + 2;
      }
      if (i + 2 < limit && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  static RawRequest parse(byte[] head) {
    int pos = 0;
    int eol = lineEnd(head, pos);
    String line = latin1(head, pos, eol);
    pos = next(head, eol);
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return RawRequest.malformed("bad request line " + io.cphub.model.Printable.of(line), false);
    }
    boolean http11;
    if (parts[2].equals("HTTP/1.0")) {
      http11 = false;
    } else if (parts[2].equals("HTTP/1.1")) {
      http11 = true;
    } else {
      return RawRequest.malformed("unsupported HTTP version " + io.cphub.model.Printable.of(parts[2]), false);
    }
    Map<String, byte[]> headers = new HashMap<>(32);
    while (pos < head.length) {
      eol = lineEnd(head, pos);
      if (eol == pos) {
        break;
      }
      if (head[pos] == ' ' || head[pos] == '\t') {
        return RawRequest.malformed("folded header line", http11);
      }
      int colon = -1;
      for (int i = pos; i < eol; i++) {
        if (head[i] == ':') {
          colon = i;
          break;
        }
      }
      if (colon <= pos) {
        return RawRequest.malformed("header line without a name", http11);
      }
      for (int i = pos; i < colon; i++) {
        if (!tokenByte(head[i])) {
          return RawRequest.malformed("bad byte in a header name", http11);
        }
      }
      String name = latin1(head, pos, colon).toLowerCase(Locale.ROOT);
      int vs = colon + 1;
      int ve = eol;
      while (vs < ve && (head[vs] == ' ' || head[vs] == '\t')) {
        vs++;
      }
      while (ve > vs && (head[ve - 1] == ' ' || head[ve - 1] == '\t')) {
        ve--;
      }
      // nginx escapes control bytes in the credentials but passes DEL raw: allowed there only.
      boolean credential = name.equals("auth-user") || name.equals("auth-pass");
      for (int i = vs; i < ve; i++) {
        int b = head[i] & 0xff;
        if ((b < 0x20 && b != '\t') || (b == 0x7f && !credential)) {
          return RawRequest.malformed("control byte in header " + name, http11);
        }
      }
      byte[] value = new byte[ve - vs];
      System.arraycopy(head, vs, value, 0, value.length);
      if (headers.put(name, value) != null) {
        return RawRequest.malformed("duplicate header " + name, http11);
      }
      pos = next(head, eol);
    }
    byte[] cl = headers.get("content-length");
    if (headers.containsKey("transfer-encoding") || (cl != null && !latin1(cl, 0, cl.length).equals("0"))) {
      return RawRequest.malformed("request has a body", http11);
    }
    byte[] conn = headers.get("connection");
    String connection = conn == null ? "" : latin1(conn, 0, conn.length).toLowerCase(Locale.ROOT);
    boolean keepAlive = http11 ? !connection.equals("close") : connection.equals("keep-alive");
    return new RawRequest(parts[0], parts[1], http11, keepAlive, headers, null);
  }

  private static boolean tokenByte(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
  }

  /** Index of the line's end (the LF, or a CR right before it; or the array end). */
  private static int lineEnd(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i > from && b[i - 1] == '\r' ? i - 1 : i;
      }
    }
    return b.length;
  }

  private static int next(byte[] b, int eol) {
    int i = eol;
    if (i < b.length && b[i] == '\r') {
      i++;
    }
    return i < b.length && b[i] == '\n' ? i + 1 : b.length;
  }

  private static String latin1(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
