package io.cphub.registry.routes;

import java.time.Instant;

/** One claim on a domain that more than one server claims, with the current winner and pin. */
public record ConflictRow(
    String domain, String server, String serverState, String account, String kind, boolean suspended,
    Instant firstSeen, String winner, String pinned) {}
