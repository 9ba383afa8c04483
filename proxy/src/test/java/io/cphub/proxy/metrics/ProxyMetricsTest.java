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
}
