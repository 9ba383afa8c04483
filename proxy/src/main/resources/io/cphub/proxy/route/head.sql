SELECT epoch, version FROM feed_head WHERE id = 1
