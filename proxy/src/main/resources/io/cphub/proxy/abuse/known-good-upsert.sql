-- A node's batch of known-good pairs (keyed hashes), valid until the given time; a pair already
-- stored keeps the later expiry. NOTIFYs 'cphub_known_good' once for the batch, with the tags in
-- lower-case hex, comma-separated (at most a few hundred, well under NOTIFY's 8000 bytes).
-- 1 expires_at, 2 tags (bigint[]), 3 payload
WITH up AS (
  INSERT INTO known_good AS k (tag, expires_at)
  SELECT DISTINCT t, ?::timestamptz FROM unnest(?::bigint[]) AS t
  ON CONFLICT (tag) DO UPDATE SET expires_at = greatest(k.expires_at, EXCLUDED.expires_at)
  RETURNING k.tag
)
SELECT count(*) AS stored, pg_notify('cphub_known_good', ?) FROM up
