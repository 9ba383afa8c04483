SELECT epoch, version, cphub_feed_identity() FROM feed_head WHERE id = 1
