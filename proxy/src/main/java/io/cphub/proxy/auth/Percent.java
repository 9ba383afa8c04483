package io.cphub.proxy.auth;

/**
 * nginx's {@code Auth-User}/{@code Auth-Pass} escaping undone at the byte level: {@code %XX} (either
 * hex case) becomes one byte, every other byte is kept. A {@code %} not followed by two hex digits
 * is an error. Stateless.
 */
final class Percent {
  private Percent() {}

  /** The decoded bytes, or null when an escape is malformed. */
  static byte[] decode(byte[] in) {
    int escapes = 0;
    for (byte b : in) {
      if (b == '%') {
        escapes++;
      }
    }
    if (escapes == 0) {
      return in;
    }
    byte[] out = new byte[in.length - 2 * escapes];
    int o = 0;
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b != '%') {
        out[o++] = b;
        continue;
      }
      if (i + 2 >= in.length) {
        return null;
      }
      int hi = hex(in[i + 1]);
      int lo = hex(in[i + 2]);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[o++] = (byte) (hi << 4 | lo);
      i += 2;
    }
    return out;
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
