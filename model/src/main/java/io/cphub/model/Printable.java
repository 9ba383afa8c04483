package io.cphub.model;

/** Renders untrusted text for error messages and logs: control bytes escaped, length capped. */
public final class Printable {
  private static final int MAX = 120;

  private Printable() {}

  /** {@code "null"} for null; otherwise quoted, with controls as {@code \xNN} and cut at 120 chars. */
  public static String of(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8).append('"');
    for (int i = 0; i < s.length() && i < MAX; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else {
        b.append(c);
      }
    }
    if (s.length() > MAX) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
