package io.cphub.proxy.metrics;

import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import java.time.Duration;
import java.util.Locale;

/**
 * The proxy's health as {@code /healthz} reports it. {@code ok}: table confirmed by the database
 * within {@code staleAfter}; {@code stale}: older, still serving; {@code file}: serving the local
 * copy, the database not reached yet; {@code empty}: nothing to serve (the only unhealthy state,
 * HTTP 503). Stateless apart from its collaborators; thread-safe.
 */
public final class Health {
  private final LiveTable live;
  private final Duration staleAfter;

  public Health(LiveTable live, Duration staleAfter) {
    this.live = live;
    this.staleAfter = staleAfter;
  }

  /** The status word. */
  public String status() {
    RouteTable t = live.current();
    return switch (t.source()) {
      case EMPTY -> "empty";
      case FILE -> "file";
      case DATABASE -> live.staleness().compareTo(staleAfter) > 0 ? "stale" : "ok";
    };
  }

  /** 200 while there is a table to serve from, else 503. */
  public int httpStatus() {
    return live.current().source() == RouteTable.Source.EMPTY ? 503 : 200;
  }

  /** The JSON body. */
  public String json() {
    RouteTable t = live.current();
    return String.format(Locale.ROOT,
        "{\"status\":\"%s\",\"source\":\"%s\",\"feed_connected\":%s,\"version\":%d,\"epoch\":\"%s\","
            + "\"staleness_seconds\":%.3f,\"verified_at\":\"%s\",\"domains\":%d,\"accounts\":%d,\"servers\":%d}\n",
        status(), t.source().name().toLowerCase(Locale.ROOT), live.connected(), t.version(), t.epoch(),
        live.staleness().toMillis() / 1000.0, live.verifiedAt(), t.domainCount(), t.accountCount(), t.serverCount());
  }
}
