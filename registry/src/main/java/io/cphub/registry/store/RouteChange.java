package io.cphub.registry.store;

/**
 * One change for the feed: kind {@code domain}, {@code account} or {@code server}; {@code serverId}
 * null when a domain or account route is removed; {@code username} the routed account (domain
 * routes only).
 */
public record RouteChange(String kind, String key, Integer serverId, String username) {
  public static final String DOMAIN = "domain";
  public static final String ACCOUNT = "account";
  public static final String SERVER = "server";
}
