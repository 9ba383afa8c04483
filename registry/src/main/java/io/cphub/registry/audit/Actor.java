package io.cphub.registry.audit;

import io.cphub.model.Printable;
import io.cphub.registry.InvalidInputException;
import java.util.Set;

/**
 * Who performed an operator action: the bootstrap {@code admin} token, a named operator token, or
 * the operating-system user of a CLI command that talks to the database directly.
 */
public record Actor(String kind, String name) {
  static final Set<String> KINDS = Set.of("admin", "operator", "os");

  public Actor {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("actor kind must be admin, operator or os, was " + kind);
    }
    if (name == null || name.isBlank() || name.length() > 128) {
      throw new InvalidInputException("invalid_actor", "actor name must be 1-128 characters, was " + Printable.of(name));
    }
  }

  public static Actor admin() {
    return new Actor("admin", "admin");
  }

  public static Actor operator(String name) {
    return new Actor("operator", name);
  }

  public static Actor osUser(String name) {
    return new Actor("os", name == null || name.isBlank() ? "unknown" : name);
  }

  @Override
  public String toString() {
    return kind.equals("admin") ? "admin" : kind + ":" + name;
  }
}
