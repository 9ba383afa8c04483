package io.cphub.agent.dns;

import java.util.List;

/**
 * The outcome for one zone: {@code planned} (dry run, changes pending), {@code done} (changes
 * saved), {@code unchanged} (already pointed), {@code skipped} (only customer records left alone),
 * {@code failed} (the zone was left as it was; {@code error} says why), or for a rollback
 * {@code restored}/{@code conflict}.
 */
public record ZoneResult(String zone, String status, List<String> changes, List<String> skipped, String error,
    int attempts) {
  public ZoneResult {
    changes = List.copyOf(changes);
    skipped = List.copyOf(skipped);
  }

  static ZoneResult failed(String zone, String error, int attempts) {
    return new ZoneResult(zone, "failed", List.of(), List.of(), error, attempts);
  }
}
