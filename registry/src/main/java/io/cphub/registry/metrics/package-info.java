/** Prometheus metrics of the registry: HTTP traffic, route changes, feed version, server sync age. */
package io.cphub.registry.metrics;
