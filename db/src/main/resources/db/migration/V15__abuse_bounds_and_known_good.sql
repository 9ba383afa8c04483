-- The abuse guard, bounded and owner-friendly.
--
-- 1. Wider network bans. A node that has banned several addresses or networks inside one wider
--    network bans the wider one (IPv4 /24 -> /16, IPv6 /64 -> /48 -> /32), so an attacker rotating
--    through IPv6 /64s makes a bounded number of rows. 'net' keys may now be those prefixes too.
CREATE OR REPLACE FUNCTION cphub_valid_ban_key(kind text, key text) RETURNS boolean
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  CASE kind
    WHEN 'ip' THEN
      RETURN key ~ '^[0-9a-f:.]{2,39}$' AND host(key::inet) = key
         AND masklen(key::inet) = CASE WHEN family(key::inet) = 4 THEN 32 ELSE 128 END;
    WHEN 'net' THEN
      RETURN key ~ '^[0-9a-f:.]{2,39}/[0-9]{1,3}$' AND (key::cidr)::text = key
         AND CASE WHEN family(key::cidr) = 4 THEN masklen(key::cidr) IN (24, 16)
                  ELSE masklen(key::cidr) IN (64, 48, 32) END;
    WHEN 'account' THEN
      RETURN length(key) BETWEEN 1 AND 320 AND key !~ '[[:cntrl:][:space:]]';
    ELSE
      RETURN false;
  END CASE;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END
$$;

-- 2. Known-good pairs shared by every proxy node: an (account, client network) that logged in
--    successfully, so a protected account still lets its owner in on any node and after a restart.
--    Only a keyed hash is stored: HMAC-SHA256 under known_good_key.key of "<account>\n<network>",
--    first 64 bits. Readable by the proxies only (not by the registry role), so this table alone
--    does not say who logs in from where. Nodes upsert in batches, NOTIFY 'cphub_known_good' with
--    the hashes (hex, comma-separated) and delete expired rows and rows beyond their bound.
CREATE TABLE known_good_key (
  id  boolean PRIMARY KEY DEFAULT true CHECK (id),
  key bytea   NOT NULL CHECK (length(key) >= 32)
);
INSERT INTO known_good_key (key) VALUES (uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));

CREATE TABLE known_good (
  tag        bigint      PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX known_good_expires_at ON known_good (expires_at);

GRANT SELECT ON known_good_key TO cphub_proxy;
GRANT SELECT, INSERT, UPDATE, DELETE ON known_good TO cphub_proxy;
