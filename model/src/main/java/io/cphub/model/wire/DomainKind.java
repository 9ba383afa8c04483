package io.cphub.model.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a domain belongs to its cPanel account, as WHM's {@code get_domain_info} names it. */
public enum DomainKind {
  MAIN, ADDON, PARKED, SUB;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static DomainKind of(String wire) {
    for (DomainKind k : values()) {
      if (k.wire().equals(wire)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown domain kind '" + wire + "' (main, addon, parked, sub)");
  }
}
