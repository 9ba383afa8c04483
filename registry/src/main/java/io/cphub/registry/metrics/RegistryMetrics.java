package io.cphub.registry.metrics;

import io.cphub.model.wire.ServerView;
import io.cphub.registry.store.ServerDao;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's metrics in its own Prometheus registry (not the global one). Counters are
 * thread-safe; the database-backed gauges are read at scrape time and left out when the database
 * does not answer.
 */
public final class RegistryMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryMetrics.class);
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram latency;
  private final Counter routeChanges;
  private final Counter received;
  private final Counter refused;
  private final Counter snapshotRefusals;
  private volatile SnapshotTimes times;

  public RegistryMetrics(LongSupplier feedVersion, LongSupplier routeCount, Supplier<List<ServerView>> servers) {
    requests = Counter.builder().name("cphub_registry_http_requests_total")
        .help("HTTP requests by endpoint and status").labelNames("endpoint", "status").register(registry);
    latency = Histogram.builder().name("cphub_registry_http_request_seconds")
        .help("HTTP request latency by endpoint").labelNames("endpoint").register(registry);
    routeChanges = Counter.builder().name("cphub_registry_route_changes_total")
        .help("Route changes written to the change log by this instance").register(registry);
    received = Counter.builder().name("cphub_registry_http_received_bytes_total")
        .help("Bytes read from HTTP connections (counted per read, not per byte)").register(registry);
    refused = Counter.builder().name("cphub_registry_http_refused_heads_total")
        .help("Requests refused on their head, before the body was read, by endpoint and status")
        .labelNames("endpoint", "status").register(registry);
    snapshotRefusals = Counter.builder().name("cphub_registry_snapshot_refusals_total")
        .help("Full snapshots refused (nothing written), by error code").labelNames("reason").register(registry);
    JvmMetrics.builder().register(registry);
    Info.builder().name("cphub_build_info").help("Build of this process").labelNames("version", "component")
        .register(registry).addLabelValues(version(), "registry");
    GaugeWithCallback.builder().name("cphub_registry_feed_version").help("Current feed_head version")
        .callback(cb -> guarded("feed version", () -> cb.call(feedVersion.getAsLong()))).register(registry);
    GaugeWithCallback.builder().name("cphub_registry_routes").help("Domain routes in the route table")
        .callback(cb -> guarded("route count", () -> cb.call(routeCount.getAsLong()))).register(registry);
    GaugeWithCallback.builder().name("cphub_registry_server_sync_age_seconds")
        .help("Seconds since each server's last accepted push (absent: never synced)").labelNames("server", "state")
        .callback(cb -> guarded("sync age", () -> {
          for (ServerView s : servers.get()) {
            if (s.syncAgeSeconds() != null) {
              cb.call(s.syncAgeSeconds(), s.name(), s.state());
            }
          }
        })).register(registry);
  }

  /** Registers the contest gauges (open contests, age of the oldest), read from {@code gauge} at scrape. */
  public void contests(ContestGauge gauge) {
    GaugeWithCallback.builder().name("cphub_registry_contests")
        .help("Open contests: names whose standing claim keeps the route while a newcomer waits")
        .callback(cb -> guarded("contests", () -> cb.call(gauge.count()))).register(registry);
    GaugeWithCallback.builder().name("cphub_registry_contest_oldest_age_seconds")
        .help("Seconds since the oldest open contest began (0: none open)")
        .callback(cb -> guarded("contest age", () -> cb.call(gauge.oldestAgeSeconds()))).register(registry);
  }

  /**
   * {@code cphub_registry_tls_certificate_expiry_timestamp_seconds}: the notAfter of the certificate
   * served to new connections, read from {@code notAfter} at scrape (so a reloaded one shows at once).
   * Not registered when the registry speaks plain HTTP.
   */
  public void tls(Supplier<java.time.Instant> notAfter) {
    GaugeWithCallback.builder().name("cphub_registry_tls_certificate_expiry_timestamp_seconds")
        .help("Unix time at which the registry's TLS certificate (the one new connections get) expires")
        .callback(cb -> guarded("certificate expiry", () -> cb.call(notAfter.get().getEpochSecond())))
        .register(registry);
  }

  /**
   * {@code cphub_registry_server_last_snapshot_timestamp_seconds}: one series per enrolled server,
   * the Unix time of its last accepted full snapshot, 0 for never; read from {@code times}, memory only.
   */
  public void bind(SnapshotTimes times) {
    this.times = times;
    GaugeWithCallback.builder().name("cphub_registry_server_last_snapshot_timestamp_seconds")
        .help("Unix time of each enrolled server's last accepted full snapshot (0: never)")
        .labelNames("server", "state").callback(cb -> {
          for (ServerDao.SnapshotTime t : times.current()) {
            cb.call(t.lastSnapshotAt() == null ? 0 : t.lastSnapshotAt().toEpochMilli() / 1000.0, t.name(), t.state());
          }
        }).register(registry);
    GaugeWithCallback.builder().name("cphub_registry_server_dns_zones")
        .help("Zones of each server by the state of its DNS change (done, skipped, failed, pending), as its agent"
            + " last reported after dns apply; no series before the first report")
        .labelNames("server", "result").callback(cb -> {
          for (ServerDao.SnapshotTime t : times.current()) {
            if (t.dnsDone() != null) {
              cb.call(t.dnsDone(), t.name(), "done");
              cb.call(t.dnsSkipped() == null ? 0 : t.dnsSkipped(), t.name(), "skipped");
              cb.call(t.dnsFailed() == null ? 0 : t.dnsFailed(), t.name(), "failed");
              cb.call(t.dnsPending() == null ? 0 : t.dnsPending(), t.name(), "pending");
            }
          }
        }).register(registry);
  }

  /**
   * A write to {@code endpoint} succeeded: after an enrolment, a server change or an accepted
   * snapshot the snapshot times are re-read soon, off the caller's thread.
   */
  public void written(String endpoint) {
    SnapshotTimes t = times;
    if (t != null && (endpoint.equals("servers") || endpoint.equals("server") || endpoint.equals("snapshot"))) {
      t.requestRefresh();
    }
  }

  /** Counts a refused full snapshot by its error code ({@code mass_removal}, {@code invalid_request}, ...). */
  public void snapshotRefused(String reason) {
    snapshotRefusals.labelValues(reason).inc();
  }

  private static String version() {
    return io.cphub.model.BuildVersion.current();
  }

  public void request(String endpoint, int status, double seconds) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
    latency.labelValues(endpoint).observe(seconds);
  }

  /** Counts one read of {@code n} bytes from a connection. */
  public void received(int n) {
    received.inc(n);
  }

  /** Counts a request refused on its head. */
  public void refusedHead(String endpoint, int status) {
    refused.labelValues(endpoint, Integer.toString(status)).inc();
  }

  public void routesChanged(int n) {
    if (n > 0) {
      routeChanges.inc(n);
    }
  }

  /** The Prometheus text exposition of every metric. */
  public byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  private static void guarded(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("metric {} unavailable: {}", what, e.getMessage());
    }
  }
}
