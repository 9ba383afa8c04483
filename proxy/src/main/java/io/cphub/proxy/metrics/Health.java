package io.cphub.proxy.metrics;

import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import java.time.Duration;
import io.cphub.proxy.verify.BackendState;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The proxy's health as {@code /healthz} reports it. {@code ok}: table confirmed by the database
 * within {@code staleAfter}; {@code stale}: older, still serving; {@code file}: serving the local
 * copy, the database not reached yet; {@code empty}: nothing to serve (the only unhealthy state,
 * HTTP 503). Stateless apart from its collaborators; thread-safe.
 */
public final class Health {
  private final LiveTable live;
  private final Duration staleAfter;
  private final Supplier<List<BackendState>> backends;

  public Health(LiveTable live, Duration staleAfter) {
    this(live, staleAfter, List::of);
  }

  /** {@code backends}: the password-check state per backend; open and half-open breakers are listed. */
  public Health(LiveTable live, Duration staleAfter, Supplier<List<BackendState>> backends) {
    this.live = live;
    this.staleAfter = staleAfter;
    this.backends = backends;
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
            + "\"staleness_seconds\":%.3f,\"verified_at\":\"%s\",\"domains\":%d,\"accounts\":%d,\"servers\":%d,"
            + "\"breakers\":%s}\n",
        status(), t.source().name().toLowerCase(Locale.ROOT), live.connected(), t.version(), t.epoch(),
        live.staleness().toMillis() / 1000.0, live.verifiedAt(), t.domainCount(), t.accountCount(), t.serverCount(),
        breakers());
  }

  /** Backends whose breaker is not closed, as a JSON array of {"server","state"}; sorted by name. */
  private String breakers() {
    StringBuilder b = new StringBuilder("[");
    backends.get().stream().filter(s -> !s.breaker().equals("closed"))
        .sorted(java.util.Comparator.comparing(BackendState::server)).forEach(s -> {
          if (b.length() > 1) {
            b.append(',');
          }
          b.append("{\"server\":\"").append(jsonSafe(s.server())).append("\",\"state\":\"").append(s.breaker())
              .append("\"}");
        });
    return b.append(']').toString();
  }

  private static String jsonSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._:-]", "_");
  }
}
