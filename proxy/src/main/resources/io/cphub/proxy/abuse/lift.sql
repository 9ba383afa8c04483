-- An operator lifts a ban in force; NOTIFYs in the same statement.
-- 1 lifted_at, 2 lifted_by, 3 kind, 4 kind, 5 key, 6 now
WITH l AS (
  UPDATE ban SET lifted_at = ?, lifted_by = ?
  WHERE kind = ? AND key = cphub_canonical_ban_key(?, ?) AND lifted_at IS NULL AND expires_at > ?
  RETURNING id, kind, key, reason, failures, attempts, offences, created_at, expires_at, created_by, lifted_at,
            lifted_by
)
SELECT l.*, pg_notify('cphub_bans', l.id::text) FROM l
