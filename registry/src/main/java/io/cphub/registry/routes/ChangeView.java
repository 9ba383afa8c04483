package io.cphub.registry.routes;

import java.time.Instant;

/**
 * One change-feed row as operators read it: {@code kind} {@code domain} or {@code account} (the
 * name's route moved to {@code server}, or was removed: {@code server} null) or {@code server} (that
 * server's address, ports or state changed; {@code key} is its id, {@code server} its name).
 */
public record ChangeView(long version, String kind, String key, String server, Instant committedAt) {}
