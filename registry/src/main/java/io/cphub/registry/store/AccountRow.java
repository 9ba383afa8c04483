package io.cphub.registry.store;

import java.time.Instant;

/**
 * A row of {@code account} for one server. {@code transferred}: the account arrived on its server
 * by a WHM transfer or restore (recorded when first seen, never changed after).
 */
public record AccountRow(String username, String primaryDomain, String owner, boolean suspended, Instant firstSeen,
    boolean transferred) {}
