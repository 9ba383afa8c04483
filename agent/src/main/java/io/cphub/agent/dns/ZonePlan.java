package io.cphub.agent.dns;

import java.util.List;

/**
 * What one zone needs: the changes, the records left alone because a customer changed them
 * ({@code skipped}, each with the reason) and the names already pointed at the target ({@code done}).
 */
public record ZonePlan(String zone, long serial, List<Change> changes, List<String> skipped, List<String> done) {
  public ZonePlan {
    changes = List.copyOf(changes);
    skipped = List.copyOf(skipped);
    done = List.copyOf(done);
  }
}
