package io.cphub.registry.store;

/**
 * One change for the feed: kind {@code domain}, {@code account} or {@code server}; {@code serverId}
 * null when a domain or account route is removed; {@code username} the routed account (domain
 * routes only); {@code previousServerId} and {@code previousUsername} where the key routed before
 * (null for a new route and for kind {@code server}).
 */
public record RouteChange(String kind, String key, Integer serverId, String username, Integer previousServerId,
    String previousUsername) {
  public RouteChange(String kind, String key, Integer serverId, String username) {
    this(kind, key, serverId, username, null, null);
  }

  public static final String DOMAIN = "domain";
  public static final String ACCOUNT = "account";
  public static final String SERVER = "server";
}
