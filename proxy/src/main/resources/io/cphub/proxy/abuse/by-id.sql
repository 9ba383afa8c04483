-- The ban rows a cphub_bans notification names (one id, or several comma-separated).
SELECT id, kind, key, reason, failures, attempts, offences, created_at, expires_at, created_by, lifted_at, lifted_by
FROM ban
WHERE id = ANY(?)
