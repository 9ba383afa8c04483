package io.cphub.proxy.metrics;

import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.verify.BackendState;
import io.cphub.proxy.verify.CheckResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every metric the proxy exports, on its own registry. Instruments are thread-safe; the label
 * children used on the hot path are resolved once here so a request never builds label arrays.
 */
public final class ProxyMetrics {
  private static final double[] LATENCY = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
      0.25, 0.5, 1, 2.5, 5, 10};
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter logins;
  private final Histogram lookup;
  private final Histogram check;
  private final Counter cache;
  private final io.prometheus.metrics.core.datapoints.CounterDataPoint hits;
  private final io.prometheus.metrics.core.datapoints.CounterDataPoint misses;
  private final io.prometheus.metrics.core.datapoints.DistributionDataPoint lookupPoint;
  private final Counter backendChecks;
  private final Counter backendProblems;
  private final Counter limited;

  public ProxyMetrics() {
    logins = Counter.builder().name("cphub_proxy_logins").help("auth_http requests by protocol and result")
        .labelNames("protocol", "result").register(registry);
    lookup = Histogram.builder().name("cphub_proxy_lookup_seconds").unit(Unit.SECONDS)
        .help("time to parse a login and find its route").classicOnly().classicUpperBounds(
            1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 1e-3).register(registry);
    check = Histogram.builder().name("cphub_proxy_check_seconds").unit(Unit.SECONDS)
        .help("time of a password check against a backend, by result").labelNames("result").classicOnly()
        .classicUpperBounds(LATENCY).register(registry);
    cache = Counter.builder().name("cphub_proxy_verify_cache").help("password-check cache lookups by outcome")
        .labelNames("outcome").register(registry);
    hits = cache.labelValues("hit");
    misses = cache.labelValues("miss");
    lookupPoint = lookup;
    backendChecks = Counter.builder().name("cphub_proxy_backend_checks")
        .help("uncached password checks by server and result (accepted, rejected, unavailable)")
        .labelNames("server", "result").register(registry);
    backendProblems = Counter.builder().name("cphub_proxy_backend_problems")
        .help("password checks that could not tell, by server, problem and backend response code")
        .labelNames("server", "problem", "code").register(registry);
    limited = Counter.builder().name("cphub_proxy_check_limited")
        .help("password checks refused at once because a client address or account had too many in flight")
        .labelNames("limit").register(registry);
    limited.labelValues("client_ip");
    limited.labelValues("account");
    JvmMetrics.builder().register(registry);
    Info.builder().name("cphub_build_info").help("Build of this process").labelNames("version", "component")
        .register(registry).addLabelValues(io.cphub.model.BuildVersion.current(), "proxy");
  }

  /** Per-backend gauges (breaker state, checks in flight and queued) read from {@code backends} when scraped. */
  public void bindBackends(Supplier<List<BackendState>> backends) {
    GaugeWithCallback.builder().name("cphub_proxy_backend_breaker_state")
        .help("circuit breaker of each backend's password checks: 0 closed, 1 open, 2 half-open").labelNames("server")
        .callback(cb -> backends.get().forEach(b -> cb.call(b.breakerGauge(), b.server()))).register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_backend_checks_in_flight")
        .help("password checks running against each backend").labelNames("server")
        .callback(cb -> backends.get().forEach(b -> cb.call(b.inFlight(), b.server()))).register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_backend_checks_queued")
        .help("password checks waiting for a slot of each backend").labelNames("server")
        .callback(cb -> backends.get().forEach(b -> cb.call(b.queued(), b.server()))).register(registry);
  }

  /** Gauges that read the live table when scraped. */
  public void bind(LiveTable live) {
    GaugeWithCallback.builder().name("cphub_proxy_routes").help("routes in the table by kind").labelNames("kind")
        .callback(cb -> {
          RouteTable t = live.current();
          cb.call(t.domainCount(), "domain");
          cb.call(t.accountCount(), "account");
          cb.call(t.serverCount(), "server");
        }).register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_feed_version").help("change-feed version of the table")
        .callback(cb -> cb.call(live.current().version())).register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_table_staleness_seconds").unit(Unit.SECONDS)
        .help("time since the database last confirmed the table")
        .callback(cb -> cb.call(live.staleness().toMillis() / 1000.0)).register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_feed_connected").help("1 while the feed connection is up")
        .callback(cb -> cb.call(live.connected() ? 1 : 0)).register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_table_source")
        .help("1 for where the current table came from (empty, file, database)").labelNames("source")
        .callback(cb -> {
          RouteTable.Source s = live.current().source();
          for (RouteTable.Source x : RouteTable.Source.values()) {
            cb.call(x == s ? 1 : 0, x.name().toLowerCase(java.util.Locale.ROOT));
          }
        }).register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public void login(String protocol, String result) {
    logins.labelValues(protocol, result).inc();
  }

  public void lookupSeconds(double s) {
    lookupPoint.observe(s);
  }

  public void checkSeconds(CheckResult r, double s) {
    check.labelValues(r.name().toLowerCase(java.util.Locale.ROOT)).observe(s);
  }

  public void backendCheck(String server, CheckResult r) {
    backendChecks.labelValues(server, r.name().toLowerCase(java.util.Locale.ROOT)).inc();
  }

  public void backendProblem(String server, String problem, String code) {
    backendProblems.labelValues(server, problem, code).inc();
  }

  public void checkLimited(String limit) {
    limited.labelValues(limit).inc();
  }

  public void cacheHit() {
    hits.inc();
  }

  public void cacheMiss() {
    misses.inc();
  }
}
