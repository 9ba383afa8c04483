/** The agent's Prometheus metrics and the small loopback HTTP listener that serves them. */
package io.cphub.agent.metrics;
