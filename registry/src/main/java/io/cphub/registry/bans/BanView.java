package io.cphub.registry.bans;

import java.time.Instant;

/**
 * One row of the proxies' {@code ban} table as operators read it. {@code state}: {@code in_force},
 * {@code ended} (expired) or {@code lifted} (by {@code liftedBy} at {@code liftedAt}).
 * {@code failures} counts distinct wrong passwords, {@code attempts} every failed attempt, and
 * {@code offences} repeat bans of the same key (each doubles the ban time).
 */
public record BanView(long id, String kind, String key, String reason, int failures, int attempts, int offences,
    Instant createdAt, Instant expiresAt, String createdBy, Instant liftedAt, String liftedBy, String state) {}
