package io.cphub.registry.store;

import java.time.Instant;

/**
 * A row of {@code domain_claim} for one server. {@code transferred}: the claiming account arrived
 * by a WHM transfer or restore when the claim was first seen (never changed after).
 */
public record ClaimRow(String domain, String username, String kind, Instant firstSeen, boolean transferred) {}
