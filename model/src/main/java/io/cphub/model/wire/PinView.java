package io.cphub.model.wire;

import java.time.Instant;

/**
 * One operator pin, as {@code GET /v1/pins} lists it: {@code kind} "domain" or "account", the
 * pinned name, the server, why, and since when. {@code active} is false when that server no
 * longer holds the name (its claim or account went away) or is retired: the pin then decides
 * nothing until the name comes back or the pin is removed.
 */
public record PinView(String kind, String name, String server, String reason, Instant createdAt, boolean active) {}
