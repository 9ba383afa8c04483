package io.cphub.proxy.abuse;

/** Where a node's own ban decisions go to be shared (the ban follower's write queue). */
interface BanSink {
  /** Hands over a ban this node decided; must not block. */
  void publish(Ban ban);

  /** Keeps decisions local (a node without a database, and tests). */
  BanSink LOCAL = ban -> { };
}
