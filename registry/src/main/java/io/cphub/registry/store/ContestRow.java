package io.cphub.registry.store;

import java.time.Instant;

/** A row of {@code contest}: a key whose standing claim faces a waiting newcomer since {@code since}. */
public record ContestRow(String key, Instant since) {}
