package io.cphub.registry.operators;

import java.time.Instant;

/** An operator as listed (never its token); {@code revokedAt} is null while the token works. */
public record OperatorView(String name, Instant createdAt, Instant revokedAt) {}
