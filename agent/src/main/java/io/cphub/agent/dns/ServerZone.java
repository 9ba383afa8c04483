package io.cphub.agent.dns;

/** A zone of the server: its ASCII name, the owning account and the account's IPs (ipv6 may be null). */
public record ServerZone(String zone, String user, String ipv4, String ipv6) {}
