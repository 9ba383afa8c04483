/** Prometheus metrics and the admin listener serving /metrics and /healthz. */
package io.cphub.proxy.metrics;
