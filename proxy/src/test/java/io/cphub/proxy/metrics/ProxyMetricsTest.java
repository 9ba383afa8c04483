package io.cphub.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {
  @Test
  void registry_hasJvmProcessAndBuildInfo() throws Exception {
    ProxyMetrics m = new ProxyMetrics();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, m.registry().scrape());
    String body = out.toString(StandardCharsets.UTF_8);
    assertThat(body).contains("jvm_memory_used_bytes").contains("process_cpu_seconds_total")
        .containsPattern("cphub_build_info\\{component=\"proxy\",version=\"[^\"]+\"} 1");
  }

  @Test
  void banCounters_areExportedAtZero_beforeTheFirstBan() throws Exception {
    ProxyMetrics m = new ProxyMetrics();
    new io.cphub.proxy.abuse.GuardMetrics(m.registry());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, m.registry().scrape());
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("cphub_proxy_abuse_bans_total{kind=\"ip\",reason=\"ip-failures\"} 0.0")
        .contains("cphub_proxy_abuse_bans_total{kind=\"net\",reason=\"net-failures\"} 0.0")
        .contains("cphub_proxy_abuse_bans_total{kind=\"account\",reason=\"account-spray\"} 0.0");
  }
}
