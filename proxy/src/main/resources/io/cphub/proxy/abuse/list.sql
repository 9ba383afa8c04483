-- Bans for operators: 1 include ended ones, 2 now. Soonest expiry first.
SELECT id, kind, key, reason, failures, attempts, offences, created_at, expires_at, created_by, lifted_at, lifted_by
FROM ban
WHERE ? OR (lifted_at IS NULL AND expires_at > ?)
ORDER BY expires_at, id
