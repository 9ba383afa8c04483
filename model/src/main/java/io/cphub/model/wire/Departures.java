package io.cphub.model.wire;

import java.util.List;

/**
 * A page of one server's departures after the reader's cursor: {@code version} is the cursor to
 * ask with next (the feed head, or the last version of this page when {@code more} is true);
 * {@code feedIdentity} names the database history the versions belong to (null from a registry
 * that does not say), so a cursor kept across a failover or restore is known to be another history's.
 */
public record Departures(long version, boolean more, List<Departure> departures, String feedIdentity) {
  public Departures {
    departures = List.copyOf(departures);
  }
}
