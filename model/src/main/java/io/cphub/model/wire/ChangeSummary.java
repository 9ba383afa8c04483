package io.cphub.model.wire;

/** What a write changed, and the feed version after it (unchanged when nothing changed). */
public record ChangeSummary(
    int accountsUpserted, int accountsRemoved, int claimsAdded, int claimsRemoved, int routesChanged,
    long version) {}
