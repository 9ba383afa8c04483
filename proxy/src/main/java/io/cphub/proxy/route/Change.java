package io.cphub.proxy.route;

/**
 * One {@code change_log} row: kind {@code domain} or {@code account} with the new server id (null
 * for a removal), or kind {@code server} with the server id as key, meaning "re-read this server".
 * {@code fingerprint} identifies the row itself (kind, key, server, commit time): see {@link FeedPoint}.
 */
record Change(long version, String kind, String key, Integer serverId, String fingerprint) {}
