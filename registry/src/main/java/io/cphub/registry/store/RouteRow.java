package io.cphub.registry.store;

/** A route joined with its server, as the lookup endpoint shows it. */
public record RouteRow(String key, String server, String address, String account, long version) {}
