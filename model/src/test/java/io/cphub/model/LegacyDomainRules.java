package io.cphub.model;

import java.net.IDN;

/**
 * The domain rules as they were before UTS #46 (java.net.IDN, IDNA2003), kept verbatim as an
 * oracle: for ASCII input the current rules must give exactly the same answers.
 */
final class LegacyDomainRules {
  static final int MAX_NAME = 253;
  static final int MAX_LABEL = 63;

  private LegacyDomainRules() {}

  static String normalise(String raw) {
    if (raw == null) {
      throw new InvalidNameException("domain is missing");
    }
    String s = raw.strip();
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new InvalidNameException("domain is empty");
    }
    boolean wildcard = s.startsWith("*.");
    String body = wildcard ? s.substring(2) : s;
    String ascii = toAscii(body, raw);
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      throw new InvalidNameException("domain needs at least two labels: " + Printable.of(raw));
    }
    for (String label : labels) {
      checkLabel(label, raw);
    }
    String name = wildcard ? "*." + ascii : ascii;
    if (name.length() > MAX_NAME) {
      throw new InvalidNameException(
          "domain longer than " + MAX_NAME + " characters (" + name.length() + "): " + Printable.of(raw));
    }
    return name;
  }

  private static String toAscii(String body, String raw) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c < 0x21 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidNameException("domain contains a space or control character: " + Printable.of(raw));
      }
    }
    boolean ascii = body.chars().allMatch(c -> c < 0x80);
    if (ascii) {
      return body.toLowerCase(java.util.Locale.ROOT);
    }
    // Check label lengths before IDN conversion so an empty label gets the right message.
    for (String label : body.split("\\.", -1)) {
      if (label.isEmpty()) {
        throw new InvalidNameException("domain has an empty label: " + Printable.of(raw));
      }
    }
    try {
      return IDN.toASCII(body, IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new InvalidNameException("not a valid internationalised domain name: " + Printable.of(raw));
    }
  }

  private static void checkLabel(String label, String raw) {
    if (label.isEmpty()) {
      throw new InvalidNameException("domain has an empty label: " + Printable.of(raw));
    }
    if (label.length() > MAX_LABEL) {
      throw new InvalidNameException(
          "domain label longer than " + MAX_LABEL + " characters: " + Printable.of(raw));
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        throw new InvalidNameException(
            "domain contains '" + Printable.of(String.valueOf(c)) + "', only a-z 0-9 - . are allowed: "
                + Printable.of(raw));
      }
    }
  }
}
