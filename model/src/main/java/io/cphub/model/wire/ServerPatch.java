package io.cphub.model.wire;

/** Body of {@code PATCH /v1/servers/{server}}: any of state, address, ports; null leaves as is. */
public record ServerPatch(String state, String address, Integer imapPort, Integer pop3Port, Integer smtpPort) {}
