package io.cphub.model.wire;

import java.time.Instant;

/** A registered cPanel server as operators see it. Ports, sync times and agent may be null. */
public record ServerView(
    String name, String address, Integer imapPort, Integer pop3Port, Integer smtpPort, String state,
    Instant lastSync, Long syncAgeSeconds, AgentState agent) {}
