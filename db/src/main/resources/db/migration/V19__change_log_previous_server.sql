-- Where a route change came from: the server (and, for domain routes, the account) the key routed
-- to before the change, NULL for a new route and for kind 'server'. With it a server's agent can
-- follow exactly the keys whose route left that server ("departures") and end their sessions.
-- Rows written before this migration have no previous server: they never count as departures.
ALTER TABLE change_log ADD COLUMN previous_server_id integer, ADD COLUMN previous_username text;

-- The departures of one server, in version order: routes that left it for another server.
CREATE INDEX change_log_departures ON change_log (previous_server_id, version)
  WHERE previous_server_id IS NOT NULL;
