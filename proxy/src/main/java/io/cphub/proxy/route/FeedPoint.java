package io.cphub.proxy.route;

/**
 * Where a table stands in the registry database's history: the feed identity it was read under
 * ({@code cphub_feed_identity()}: system identifier, timeline, database oid, epoch) and the
 * fingerprint of the change-log row at its version (kind, key, server, commit time), empty when
 * that row was not there to read (version 0 or pruned). After a reconnect, a failover or a
 * restore, the table may go on from its version only if the database still holds that same row
 * there. Immutable.
 */
public record FeedPoint(String identity, String lastChange) {
  /** Nothing known: any table from before identities existed, or the empty table. */
  public static final FeedPoint UNKNOWN = new FeedPoint("", "");

  public FeedPoint {
    if (identity == null || lastChange == null) {
      throw new IllegalArgumentException("feed point needs identity and lastChange (empty when unknown)");
    }
  }
}
