package io.cphub.model;

import java.util.Locale;

/**
 * A cPanel account name, lower-case: a letter or digit first, then letters, digits, {@code _},
 * {@code -} or {@code .}, at most 32 characters (cPanel itself allows 16; older systems more).
 */
public record Username(String name) implements Comparable<Username> {
  static final int MAX = 32;

  public Username {
    if (name == null || !name.equals(normaliseOrThrow(name))) {
      throw new InvalidNameException("not a normalised username: " + Printable.of(name));
    }
  }

  /** Lower-cases and validates {@code raw}, or throws {@link InvalidNameException}. */
  public static Username parse(String raw) {
    return new Username(normaliseOrThrow(raw));
  }

  static String normaliseOrThrow(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidNameException("username is empty");
    }
    if (raw.length() > MAX) {
      throw new InvalidNameException("username longer than " + MAX + " characters: " + Printable.of(raw));
    }
    String s = raw.toLowerCase(Locale.ROOT);
    char first = s.charAt(0);
    if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) {
      throw new InvalidNameException("username must start with a letter or digit: " + Printable.of(raw));
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
      if (!ok) {
        throw new InvalidNameException(
            "username contains '" + Printable.of(String.valueOf(c)) + "': " + Printable.of(raw));
      }
    }
    return s;
  }

  @Override
  public int compareTo(Username other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
