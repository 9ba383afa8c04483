-- A route must name a server that exists: what the foreign key dropped in V11 checked row by row,
-- checked once per statement instead. The registry's feed writer never writes a dangling route
-- (see V11); these triggers refuse one written by hand. One anti-join of the statement's new rows
-- against server (a few hundred rows) costs far less than a probe and a row lock per route.
CREATE FUNCTION cphub_route_server_exists() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  missing integer;
BEGIN
  SELECT n.server_id INTO missing FROM new_routes n
    WHERE NOT EXISTS (SELECT 1 FROM server s WHERE s.id = n.server_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'route names server id %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER route_server_exists_insert AFTER INSERT ON route
  REFERENCING NEW TABLE AS new_routes
  FOR EACH STATEMENT EXECUTE FUNCTION cphub_route_server_exists();

CREATE TRIGGER route_server_exists_update AFTER UPDATE ON route
  REFERENCING NEW TABLE AS new_routes
  FOR EACH STATEMENT EXECUTE FUNCTION cphub_route_server_exists();
