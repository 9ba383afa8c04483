package io.cphub.proxy.autoconfig;

/** Escapes text for XML content and attribute values; stateless. */
final class XmlText {
  private XmlText() {}

  /** True when every character of {@code s} is allowed in an XML 1.0 document. */
  static boolean isLegal(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean ok = c == 0x9 || c == 0xA || c == 0xD
          || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD)
          || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /**
   * {@code s} with {@code & < > " '} as entities. Callers pass only text checked with
   * {@link #isLegal}; an illegal character is a programming error.
   */
  static String escape(String s) {
    if (!isLegal(s)) {
      throw new IllegalArgumentException("text holds a character not allowed in XML");
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        case '\r' -> b.append("&#13;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
