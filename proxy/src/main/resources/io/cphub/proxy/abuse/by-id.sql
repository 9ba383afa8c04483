-- One ban row, named by a cphub_bans notification.
SELECT id, kind, key, reason, failures, attempts, offences, created_at, expires_at, created_by, lifted_at, lifted_by
FROM ban
WHERE id = ?
