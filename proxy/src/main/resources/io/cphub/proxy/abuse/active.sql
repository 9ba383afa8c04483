-- Every ban in force at the given time (the safety-net re-read).
SELECT id, kind, key, reason, failures, attempts, offences, created_at, expires_at, created_by, lifted_at, lifted_by
FROM ban
WHERE lifted_at IS NULL AND expires_at > ?
