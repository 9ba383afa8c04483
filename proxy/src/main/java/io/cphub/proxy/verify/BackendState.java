package io.cphub.proxy.verify;

/**
 * A snapshot of one backend's checks, for metrics and {@code /healthz}: breaker state
 * ({@code closed}, {@code open}, {@code half_open}) and its number for the gauge, checks running
 * and waiting.
 */
public record BackendState(int serverId, String server, String breaker, int breakerGauge, int inFlight, int queued) {}
