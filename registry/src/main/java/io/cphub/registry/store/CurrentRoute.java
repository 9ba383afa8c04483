package io.cphub.registry.store;

import java.time.Instant;

/**
 * A key's route as stored now; {@code username} is null for account routes. The standing claim
 * (what the winner rule keeps without pins) is the one of {@code standingServerId}, standing since
 * {@code standingSince}.
 */
public record CurrentRoute(String key, int serverId, String username, int standingServerId, Instant standingSince) {}
