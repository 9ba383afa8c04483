package io.cphub.agent.push;

import java.time.Instant;

/**
 * What {@code status} shows: the agent's last successful syncs, WHM read, spool depth, last
 * error, and a standing registry refusal (e.g. the mass-removal guard). Times may be null.
 */
public record AgentStatus(
    String server, Instant lastFullSync, Instant lastAccountPush, Instant lastWhmRead, int spoolDepth,
    String lastError, Instant lastErrorAt, String refusal, Instant nextFullSync, Instant retryAt) {}
