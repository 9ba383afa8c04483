-- Forgets bans that ended before the given time (now minus the repeat window): they no longer count as offences.
DELETE FROM ban WHERE expires_at < ?
