-- Drops the route -> server foreign key; keeps what it guaranteed in a cheaper way.
--
-- Why: every route insert and update checked that key row by row (an index probe of server and a
-- KEY SHARE lock on its row), and all route writes run inside the change feed's single head lock,
-- where a first load of 2,000 domains spent about 15 ms of its locked time on those checks alone.
--
-- What the key guaranteed: a route never names a server that does not exist. That still holds:
--   * a route is written only by the registry's feed writer, and only for the winning claim, which
--     it has just read joined to its server; a claim references its account and an account its
--     server (those foreign keys stay), so the server exists when the route is written;
--   * servers are never deleted (they are retired) and their ids never change: the trigger below
--     refuses both, so the server cannot disappear afterwards either.
-- account_route keeps its foreign key: it writes about 20 times fewer rows.
ALTER TABLE route DROP CONSTRAINT route_server_id_fkey;

CREATE FUNCTION cphub_server_is_permanent() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'server % cannot be deleted: retire it instead', OLD.name
      USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.id <> OLD.id THEN
    RAISE EXCEPTION 'server % cannot change its id', OLD.name USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER server_is_permanent BEFORE DELETE OR UPDATE OF id ON server
  FOR EACH ROW EXECUTE FUNCTION cphub_server_is_permanent();
