package io.cphub.registry.store;

import java.time.Instant;

/** A row of {@code server} without the token hash; {@code agentState} is the raw JSON or null;
 * {@code lastSnapshotAt} the last accepted full snapshot (null: never). */
public record ServerRow(
    int id, String name, String address, Integer imapPort, Integer pop3Port, Integer smtpPort,
    String state, Instant lastSyncAt, String agentState, Instant lastSnapshotAt) {}
