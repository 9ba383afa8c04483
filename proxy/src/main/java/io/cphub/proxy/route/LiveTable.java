package io.cphub.proxy.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The current route table, swapped atomically by the feed follower and read by every request
 * thread without locking. Also records when the table was last confirmed against the database,
 * which gives its staleness.
 */
public final class LiveTable {
  private final Clock clock;
  private volatile RouteTable table;
  private volatile Instant verifiedAt;
  private volatile boolean connected;

  public LiveTable(Clock clock, RouteTable initial, Instant verifiedAt) {
    this.clock = clock;
    this.table = initial;
    this.verifiedAt = verifiedAt;
  }

  /** The table to answer from now. */
  public RouteTable current() {
    return table;
  }

  /** Publishes a newer table confirmed against the database now. */
  void publish(RouteTable t) {
    table = t;
    verified();
  }

  /** Records that the database confirmed the current table is up to date. */
  void verified() {
    verifiedAt = clock.instant();
    connected = true;
  }

  void disconnected() {
    connected = false;
  }

  /** True while the feed connection is up and the last poll succeeded. */
  public boolean connected() {
    return connected;
  }

  public Instant verifiedAt() {
    return verifiedAt;
  }

  /** Time since the database last confirmed the table. */
  public Duration staleness() {
    Duration d = Duration.between(verifiedAt, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }
}
