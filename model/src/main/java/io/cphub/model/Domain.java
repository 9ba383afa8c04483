package io.cphub.model;

/**
 * A normalised domain name: lower-case ASCII, IDN labels as punycode ({@code xn--}), no trailing
 * dot, at least two labels. A leading {@code *.} marks a wildcard, which is kept but never routes
 * a login. Immutable and safe to share between threads.
 *
 * <p>A name that is all ASCII is only lower-cased and checked (letters, digits, hyphens; label and
 * name lengths), exactly as before IDN support changed: names stored from WHM stay valid and
 * unchanged, an {@code xn--} label included, even one that does not decode. A name with any other
 * character goes through UTS #46 non-transitional processing ({@link Idna}), then the same checks.
 */
public record Domain(String name) implements Comparable<Domain> {
  static final int MAX_NAME = 253;
  static final int MAX_LABEL = 63;

  public Domain {
    if (name == null || !name.equals(normaliseOrThrow(name))) {
      throw new InvalidNameException("not a normalised domain name: " + Printable.of(name));
    }
  }

  /** Normalises {@code raw} as DESIGN.md says, or throws {@link InvalidNameException} with the reason. */
  public static Domain parse(String raw) {
    return new Domain(normaliseOrThrow(raw));
  }

  /** True for {@code *.example.com}. */
  public boolean isWildcard() {
    return name.startsWith("*.");
  }

  /**
   * The name with punycode labels shown as Unicode, for people; labels that do not decode stay
   * ASCII, and so does any name whose Unicode form would not parse back to this name.
   */
  public String unicode() {
    String u = Idna.toUnicode(name);
    if (u.equals(name)) {
      return name;
    }
    try {
      return normaliseOrThrow(u).equals(name) ? u : name;
    } catch (InvalidNameException e) {
      return name;
    }
  }

  @Override
  public int compareTo(Domain other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }

  static String normaliseOrThrow(String raw) {
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
    String converted = Idna.toAscii(body, raw).toLowerCase(java.util.Locale.ROOT);
    // A full-width trailing dot becomes '.' only now.
    return converted.endsWith(".") ? converted.substring(0, converted.length() - 1) : converted;
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
