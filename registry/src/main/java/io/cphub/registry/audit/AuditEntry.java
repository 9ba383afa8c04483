package io.cphub.registry.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/** One audit row as operators read it; {@code detail} is the stored JSON object. */
public record AuditEntry(long id, Instant at, String actorKind, String actor, String action, String target,
    String reason, @JsonRawValue String detail) {}
