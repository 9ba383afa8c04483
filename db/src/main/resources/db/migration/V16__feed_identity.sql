-- The feed's identity: which history of the registry database a reader is following. It changes
-- whenever that history does, from what PostgreSQL itself knows:
--   system identifier  a new cluster (initdb, pg_upgrade) or a cluster restored from another;
--   timeline           a replica promoted (Patroni failover or switchover, point-in-time recovery);
--   database oid       a restore into a new database (pg_dump/pg_restore) or a copy (CREATE DATABASE
--                      ... TEMPLATE);
--   feed_head.epoch    an operator re-seeding the feed.
-- On a primary the timeline is read from the current WAL file name, which changes the moment a
-- promotion ends; pg_control_checkpoint() would only show it after the next checkpoint. A restore
-- in place (same database) keeps the identity: proxies catch that by comparing the change_log row
-- at the version they hold.
CREATE FUNCTION cphub_feed_identity() RETURNS text
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, public
AS $$
  SELECT s.system_identifier::text
      || '-' || (CASE WHEN pg_is_in_recovery() THEN (SELECT c.timeline_id FROM pg_control_checkpoint() c)
                      ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END)::text
      || '-' || (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())::text
      || '-' || (SELECT h.epoch FROM public.feed_head h WHERE h.id = 1)::text
  FROM pg_control_system() s
$$;

GRANT EXECUTE ON FUNCTION cphub_feed_identity() TO cphub_registry, cphub_proxy;
