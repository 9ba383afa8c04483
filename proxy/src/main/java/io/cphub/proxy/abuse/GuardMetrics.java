package io.cphub.proxy.abuse;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The guard's metrics, registered on the registry it is given: attempts by verdict, failures,
 * waits, refusals and bans by kind and reason, tracker sizes and evictions, active bans, and the
 * ban store's state. Hot-path label children are resolved once. Thread-safe.
 */
public final class GuardMetrics {
  private final CounterDataPoint allowed;
  private final CounterDataPoint delayed;
  private final CounterDataPoint refused;
  private final CounterDataPoint failures;
  private final CounterDataPoint successes;
  private final Counter refusals;
  private final Counter bans;
  private final Counter evictions;
  private final Counter writes;
  private final Counter knownGoodWrites;
  private final List<Map.Entry<String, LongSupplier>> trackers = new CopyOnWriteArrayList<>();
  private final PrometheusRegistry registry;

  public GuardMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    Counter attempts = Counter.builder().name("cphub_proxy_abuse_attempts")
        .help("logins seen by the abuse guard, by verdict (delay = longer Auth-Wait on failure)")
        .labelNames("verdict").register(registry);
    allowed = attempts.labelValues("allow");
    delayed = attempts.labelValues("delay");
    refused = attempts.labelValues("refuse");
    Counter outcomes = Counter.builder().name("cphub_proxy_abuse_outcomes")
        .help("password checks reported to the abuse guard, by outcome").labelNames("outcome").register(registry);
    failures = outcomes.labelValues("failure");
    successes = outcomes.labelValues("success");
    refusals = Counter.builder().name("cphub_proxy_abuse_refused")
        .help("logins refused without a password check, by the kind of ban that applied").labelNames("kind")
        .register(registry);
    for (Ban.Kind k : Ban.Kind.values()) {
      refusals.labelValues(k.label());
    }
    bans = Counter.builder().name("cphub_proxy_abuse_bans")
        .help("bans decided by this node, by kind and reason").labelNames("kind", "reason").register(registry);
    // the bans AbuseGuard decides, exported at 0 from the start so increase() and alerts see the first one
    bans.labelValues(Ban.Kind.IP.label(), "ip-failures");
    bans.labelValues(Ban.Kind.NET.label(), "net-failures");
    bans.labelValues(Ban.Kind.ACCOUNT.label(), "account-spray");
    evictions = Counter.builder().name("cphub_proxy_abuse_evictions")
        .help("tracked keys evicted because a tracker was full").labelNames("tracker").register(registry);
    writes = Counter.builder().name("cphub_proxy_abuse_ban_writes")
        .help("bans written to the registry database, by result (stored, duplicate, dropped)")
        .labelNames("result").register(registry);
    knownGoodWrites = Counter.builder().name("cphub_proxy_abuse_known_good_writes")
        .help("known-good pairs written to the registry database, by result (stored, dropped: queue full)")
        .labelNames("result").register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_abuse_tracked_keys").help("keys tracked, by tracker")
        .labelNames("tracker").callback(cb -> {
          for (Map.Entry<String, LongSupplier> t : trackers) {
            cb.call(t.getValue().getAsLong(), t.getKey());
          }
        }).register(registry);
  }

  void attempt(Verdict v) {
    switch (v.kind()) {
      case ALLOW -> allowed.inc();
      case DELAY -> delayed.inc();
      case REFUSE -> {
        refused.inc();
        refusals.labelValues(v.ban().kind().label()).inc();
      }
    }
  }

  void failure() {
    failures.inc();
  }

  void success() {
    successes.inc();
  }

  void ban(Ban b) {
    bans.labelValues(b.kind().label(), b.reason()).inc();
  }

  void evicted(String tracker) {
    evictions.labelValues(tracker).inc();
  }

  void written(String result) {
    writes.labelValues(result).inc();
  }

  void knownGoodWritten(String result, long n) {
    knownGoodWrites.labelValues(result).inc(n);
  }

  void bindKnownGood(IntSupplier pending) {
    GaugeWithCallback.builder().name("cphub_proxy_abuse_known_good_pending")
        .help("known-good pairs waiting to be written to the database").callback(cb -> cb.call(pending.getAsInt()))
        .register(registry);
  }

  void trackedKeys(String tracker, LongSupplier size) {
    trackers.add(Map.entry(tracker, size));
  }

  void bindBans(Supplier<Map<Ban.Kind, Integer>> active) {
    GaugeWithCallback.builder().name("cphub_proxy_abuse_active_bans").help("bans this node enforces, by kind")
        .labelNames("kind").callback(cb -> active.get().forEach((k, n) -> cb.call(n, k.label()))).register(registry);
  }

  void bindStore(IntSupplier connected, IntSupplier pending) {
    GaugeWithCallback.builder().name("cphub_proxy_abuse_store_connected")
        .help("1 while the ban follower's database connection is up").callback(cb -> cb.call(connected.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder().name("cphub_proxy_abuse_pending_writes")
        .help("bans decided here and not yet written to the database").callback(cb -> cb.call(pending.getAsInt()))
        .register(registry);
  }
}
