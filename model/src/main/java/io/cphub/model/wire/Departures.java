package io.cphub.model.wire;

import java.util.List;

/**
 * A page of one server's departures after the reader's cursor: {@code version} is the cursor to
 * ask with next (the feed head, or the last version of this page when {@code more} is true).
 */
public record Departures(long version, boolean more, List<Departure> departures) {
  public Departures {
    departures = List.copyOf(departures);
  }
}
