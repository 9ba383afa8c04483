package io.cphub.registry.store;

import java.time.Instant;

/** A row of {@code domain_claim} for one server. */
public record ClaimRow(String domain, String username, String kind, Instant firstSeen) {}
