package io.cphub.registry.routes;

import java.time.Instant;

/**
 * One holder of a name that more than one server holds, with the current winner and pin: a claim
 * on a domain ({@code key} the domain, {@code account} the claiming account, {@code kind} the
 * claim's kind) or an account of a username ({@code key} the username, {@code account} its primary
 * domain, {@code kind} "account").
 */
public record ConflictRow(
    String key, String server, String serverState, String account, String kind, boolean suspended,
    Instant firstSeen, String winner, String pinned) {}
