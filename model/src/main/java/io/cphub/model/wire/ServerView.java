package io.cphub.model.wire;

import java.time.Instant;

/**
 * A registered cPanel server as operators see it. Ports, sync times and agent may be null.
 * {@code lastSync} is the last accepted push of any kind (hook pushes included); {@code
 * lastSnapshot} the last accepted full snapshot, which is what says a server is in step.
 */
public record ServerView(
    String name, String address, Integer imapPort, Integer pop3Port, Integer smtpPort, String state,
    Instant lastSync, Long syncAgeSeconds, AgentState agent, Instant lastSnapshot, Long snapshotAgeSeconds) {}
