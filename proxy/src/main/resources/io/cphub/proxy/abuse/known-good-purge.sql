-- Forgets expired known-good pairs and, past the bound, the ones that expire soonest.
-- 1 now, 2 the bound
DELETE FROM known_good
WHERE expires_at <= ?
   OR tag IN (SELECT tag FROM known_good ORDER BY expires_at DESC OFFSET ?)
