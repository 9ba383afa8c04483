package io.cphub.agent.metrics;

import io.cphub.agent.push.PushCalls;
import io.cphub.agent.whm.WhmCalls;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metric the agent exports, on its own registry (not the global one): WHM calls (latency by
 * function, failures by function and kind), registry writes by kind and result, the time of the
 * last full snapshot the registry accepted, the spool depth (read when scraped), JVM and process
 * metrics and {@code cphub_build_info}. Push series are created at zero for every kind and result,
 * so a first failure shows in {@code rate()}. Thread-safe: instruments are, and the callbacks only
 * read.
 */
public final class AgentMetrics implements WhmCalls, PushCalls {
  private static final Logger LOG = LoggerFactory.getLogger(AgentMetrics.class);
  static final List<String> PUSH_KINDS = List.of("snapshot", "account", "delete");
  static final List<String> PUSH_RESULTS = List.of("accepted", "refused", "unavailable");
  private static final double[] WHM_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  private static final double[] PUSH_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Clock clock;
  private final Histogram whmSeconds;
  private final Counter whmErrors;
  private final Counter pushes;
  private final Histogram pushSeconds;
  private final Gauge lastAcceptedSync;

  public AgentMetrics(Clock clock, String version) {
    this.clock = clock;
    whmSeconds = Histogram.builder().name("cphub_agent_whm_call_seconds").unit(Unit.SECONDS)
        .help("WHM API calls by function: time until the answer was decoded (failed calls included)")
        .labelNames("function").classicOnly().classicUpperBounds(WHM_SECONDS).register(registry);
    whmErrors = Counter.builder().name("cphub_agent_whm_call_errors_total")
        .help("failed WHM API calls by function and kind (auth, http, timeout, unreachable, answer)")
        .labelNames("function", "kind").register(registry);
    pushes = Counter.builder().name("cphub_agent_pushes_total")
        .help("writes to the registry by kind (snapshot, account, delete) and result (accepted, refused, unavailable)")
        .labelNames("kind", "result").register(registry);
    pushSeconds = Histogram.builder().name("cphub_agent_push_seconds").unit(Unit.SECONDS)
        .help("time of a write to the registry, by kind").labelNames("kind").classicOnly()
        .classicUpperBounds(PUSH_SECONDS).register(registry);
    lastAcceptedSync = Gauge.builder().name("cphub_agent_last_accepted_sync_timestamp_seconds").unit(Unit.SECONDS)
        .help("Unix time of the last full snapshot the registry accepted from this agent (0: none since start)")
        .register(registry);
    for (String kind : PUSH_KINDS) {
      pushSeconds.labelValues(kind);
      for (String result : PUSH_RESULTS) {
        pushes.labelValues(kind, result);
      }
    }
    JvmMetrics.builder().register(registry);
    Info.builder().name("cphub_build_info").help("Build of this process").labelNames("version", "component")
        .register(registry).addLabelValues(version, "agent");
  }

  /** {@code cphub_agent_spool_depth}: hook events waiting in the spool, read from {@code depth} when scraped. */
  public AgentMetrics spool(IntSupplier depth) {
    GaugeWithCallback.builder().name("cphub_agent_spool_depth")
        .help("hook event files waiting in the spool (new/) for their account to be pushed")
        .callback(cb -> {
          try {
            cb.call(depth.getAsInt());
          } catch (RuntimeException e) {
            LOG.warn("metric cphub_agent_spool_depth unavailable: {}", e.getMessage());
          }
        }).register(registry);
    return this;
  }

  /**
   * {@code cphub_agent_session_kicks_total{method,result}} and {@code cphub_agent_departures_total},
   * read from {@code kicks} when scraped.
   */
  public AgentMetrics kicks(io.cphub.agent.sessions.KickCounter kicks) {
    CounterWithCallback.builder().name("cphub_agent_session_kicks_total")
        .help("session kicks after a route left this server, by method (whm, doveadm, off) and result")
        .labelNames("method", "result")
        .callback(cb -> kicks.kicks().forEach((key, n) -> {
          int slash = key.indexOf('/');
          cb.call(n, key.substring(0, slash), key.substring(slash + 1));
        })).register(registry);
    CounterWithCallback.builder().name("cphub_agent_departures_total")
        .help("routes that left this server, as followed from the registry's departures view")
        .callback(cb -> cb.call(kicks.departures())).register(registry);
    return this;
  }

  @Override
  public void completed(String function, double seconds, String failure) {
    whmSeconds.labelValues(function).observe(seconds);
    if (failure != null) {
      whmErrors.labelValues(function, failure).inc();
    }
  }

  @Override
  public void completed(String kind, String result, double seconds) {
    pushes.labelValues(kind, result).inc();
    pushSeconds.labelValues(kind).observe(seconds);
    if (kind.equals("snapshot") && result.equals("accepted")) {
      lastAcceptedSync.set(clock.millis() / 1000.0);
    }
  }

  public PrometheusRegistry registry() {
    return registry;
  }
}
