package io.cphub.registry.servers;

import java.time.Instant;

/**
 * Answer of a token rotation: the new token (shown once) and until when the previous one still
 * works ({@code null} when the server had no working token).
 */
public record TokenRotation(String server, String token, Instant previousValidUntil) {}
