package io.cphub.proxy.abuse;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads one data point from a registry, 0 when it does not exist yet. */
final class Metrics {
  private Metrics() {}

  static double value(PrometheusRegistry registry, String name, String... labels) {
    Labels want = Labels.of(labels);
    for (MetricSnapshot m : registry.scrape()) {
      if (!m.getMetadata().getName().equals(name)) {
        continue;
      }
      if (m instanceof CounterSnapshot c) {
        for (CounterSnapshot.CounterDataPointSnapshot p : c.getDataPoints()) {
          if (p.getLabels().equals(want)) {
            return p.getValue();
          }
        }
      } else if (m instanceof GaugeSnapshot g) {
        for (GaugeSnapshot.GaugeDataPointSnapshot p : g.getDataPoints()) {
          if (p.getLabels().equals(want)) {
            return p.getValue();
          }
        }
      }
    }
    return 0;
  }
}
