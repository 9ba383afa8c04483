package io.cphub.proxy.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Picks a password's charset: valid UTF-8 is kept as sent; anything else is read as Windows-1252
 * (a superset of Latin-1 for printable text; its five undefined bytes as Latin-1) and transcoded to
 * UTF-8, which is what the backends hold. Stateless and thread-safe.
 */
final class Passwords {
  private static final char[] CP1252 = {
      '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
      '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
      '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
      '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178'};

  private Passwords() {}

  /** A password as UTF-8 bytes and whether it had to be transcoded. */
  record Password(byte[] utf8, boolean rewritten) {}

  static Password normalise(byte[] raw) {
    if (isUtf8(raw)) {
      return new Password(raw, false);
    }
    StringBuilder s = new StringBuilder(raw.length);
    for (byte x : raw) {
      int b = x & 0xff;
      s.append(b >= 0x80 && b < 0xa0 ? CP1252[b - 0x80] : (char) b);
    }
    return new Password(s.toString().getBytes(StandardCharsets.UTF_8), true);
  }

  static boolean isUtf8(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        try {
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
          return true;
        } catch (CharacterCodingException e) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * True when nginx can carry these bytes verbatim in a reply header value: no control bytes and
   * no leading or trailing space (nginx trims those). DEL is fine: nginx's reply parser ends a
   * value only at CR or LF.
   */
  static boolean fitsHeader(byte[] b) {
    if (b.length == 0 || b[0] == ' ' || b[b.length - 1] == ' ') {
      return false;
    }
    for (byte x : b) {
      int c = x & 0xff;
      if (c < 0x20) {
        return false;
      }
    }
    return true;
  }
}
