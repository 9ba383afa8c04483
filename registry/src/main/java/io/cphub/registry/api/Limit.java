package io.cphub.registry.api;

import io.cphub.model.Printable;
import io.cphub.registry.InvalidInputException;

/** Parses the {@code limit} and boolean query parameters of list endpoints; a bad value is 400. Stateless. */
final class Limit {
  private Limit() {}

  /** {@code raw} as 1..{@code max}, or {@code fallback} when absent. */
  static int parse(String raw, int fallback, int max) {
    if (raw == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > max) {
      throw new InvalidInputException("invalid_request", "limit must be 1.." + max + ", was " + Printable.of(raw));
    }
    return n;
  }

  /** {@code true} or {@code false}, or false when absent. */
  static boolean flag(String name, String raw) {
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true")) {
      return true;
    }
    throw new InvalidInputException("invalid_request", name + " must be true or false, was " + Printable.of(raw));
  }
}
