-- Bans decided by the proxies' abuse guard (or lifted by operators), shared by every proxy node.
-- One row per (kind, key): a new ban of the same key updates the row, so `offences` counts repeat
-- offenders (the ban time doubles per offence). Rows stay after they expire, as history for that
-- doubling, until a proxy purges them (expired for longer than its repeat window).
-- Writers NOTIFY channel 'cphub_bans' with the row id in the same transaction.
--   kind 'ip':      key is one address in PostgreSQL's canonical text (host(key::inet) = key)
--   kind 'net':     key is a /24 (IPv4) or /64 (IPv6) network in canonical cidr text
--   kind 'account': key is the normalised login the guard protects
CREATE FUNCTION cphub_valid_ban_key(kind text, key text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  CASE kind
    WHEN 'ip' THEN
      RETURN key ~ '^[0-9a-f:.]{2,39}$' AND host(key::inet) = key
         AND masklen(key::inet) = CASE WHEN family(key::inet) = 4 THEN 32 ELSE 128 END;
    WHEN 'net' THEN
      RETURN key ~ '^[0-9a-f:.]{2,39}/[0-9]{1,3}$' AND (key::cidr)::text = key
         AND masklen(key::cidr) = CASE WHEN family(key::cidr) = 4 THEN 24 ELSE 64 END;
    WHEN 'account' THEN
      RETURN length(key) BETWEEN 1 AND 320 AND key !~ '[[:cntrl:][:space:]]';
    ELSE
      RETURN false;
  END CASE;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END
$$;

-- The canonical text of a ban key (what cphub_valid_ban_key accepts), for writers and lookups.
CREATE FUNCTION cphub_canonical_ban_key(kind text, key text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE kind WHEN 'ip' THEN host(key::inet) WHEN 'net' THEN (key::cidr)::text ELSE key END
$$;

CREATE TABLE ban (
  id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind       text        NOT NULL CHECK (kind IN ('ip', 'net', 'account')),
  key        text        NOT NULL,
  reason     text        NOT NULL CHECK (reason ~ '^[a-z][a-z0-9-]{0,63}$'),
  -- distinct wrong passwords and all failed attempts counted when the ban was decided
  failures   integer     NOT NULL CHECK (failures >= 0),
  attempts   integer     NOT NULL CHECK (attempts >= failures),
  offences   integer     NOT NULL DEFAULT 1 CHECK (offences >= 1),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  created_by text        NOT NULL CHECK (length(created_by) BETWEEN 1 AND 253 AND created_by !~ '[[:cntrl:]]'),
  lifted_at  timestamptz,
  lifted_by  text        CHECK (length(lifted_by) BETWEEN 1 AND 253 AND lifted_by !~ '[[:cntrl:]]'),
  UNIQUE (kind, key),
  CHECK (cphub_valid_ban_key(kind, key)),
  CHECK (expires_at > created_at),
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
CREATE INDEX ban_expires_at ON ban (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON ban TO cphub_proxy, cphub_registry;
GRANT EXECUTE ON FUNCTION cphub_valid_ban_key(text, text), cphub_canonical_ban_key(text, text) TO cphub_proxy, cphub_registry;
