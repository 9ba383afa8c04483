-- Two group roles (NOLOGIN). Operators create login users and grant them membership:
--   CREATE ROLE registry1 LOGIN PASSWORD '...' IN ROLE cphub_registry;
--   CREATE ROLE proxy1    LOGIN PASSWORD '...' IN ROLE cphub_proxy;
-- cphub_registry: reads and writes every cphub table.
-- cphub_proxy: reads routes, account routes, the feed head, the change log, and the public
--              columns of server (never token_hash); it may LISTEN (no grant needed).
-- Roles are cluster-wide, so they are created only when missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cphub_registry') THEN
    CREATE ROLE cphub_registry NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cphub_proxy') THEN
    CREATE ROLE cphub_proxy NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO cphub_registry, cphub_proxy;

GRANT SELECT, INSERT, UPDATE, DELETE
  ON server, account, domain_claim, route, account_route, pin, feed_head, change_log
  TO cphub_registry;
GRANT EXECUTE ON FUNCTION cphub_valid_domain(text), cphub_valid_username(text) TO cphub_registry, cphub_proxy;

GRANT SELECT ON route, account_route, feed_head, change_log TO cphub_proxy;
GRANT SELECT (id, name, address, imap_port, pop3_port, smtp_port, state) ON server TO cphub_proxy;
