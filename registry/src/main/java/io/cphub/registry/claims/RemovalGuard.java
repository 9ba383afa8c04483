package io.cphub.registry.claims;

import io.cphub.registry.ConflictException;

/**
 * Refuses a snapshot that would remove more than {@code maxShare} of a server's domains, or all
 * of them, unless an operator forces it: an empty or broken WHM answer must never turn into
 * deletions. Immutable.
 */
public record RemovalGuard(double maxShare) {
  public RemovalGuard {
    if (!(maxShare > 0 && maxShare < 1)) {
      throw new IllegalArgumentException("maxShare must be between 0 and 1, was " + maxShare);
    }
  }

  /** Throws {@link ConflictException} ({@code mass_removal}) when the removal is refused. */
  public void check(String server, int stored, int removed, boolean force) {
    if (force || stored == 0 || removed == 0) {
      return;
    }
    boolean all = removed >= stored;
    if (all || removed > maxShare * stored) {
      String pct = String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * removed / stored);
      throw new ConflictException("mass_removal", "snapshot for " + server + " would remove " + removed + " of its "
          + stored + " domains (" + pct + (all ? ", all of them" : "") + "); the limit is "
          + String.format(java.util.Locale.ROOT, "%.0f%%", 100 * maxShare)
          + "; nothing was changed. An operator can force it with ?force=true and the admin token");
    }
  }
}
