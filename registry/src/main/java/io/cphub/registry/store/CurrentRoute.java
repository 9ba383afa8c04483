package io.cphub.registry.store;

/** A key's route as stored now; {@code username} is null for account routes. */
public record CurrentRoute(String key, int serverId, String username) {}
