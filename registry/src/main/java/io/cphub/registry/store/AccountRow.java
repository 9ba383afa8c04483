package io.cphub.registry.store;

import java.time.Instant;

/** A row of {@code account} for one server. */
public record AccountRow(String username, String primaryDomain, String owner, boolean suspended, Instant firstSeen) {}
