-- A node's ban, shared with every node: a new row, or a new offence of a key whose last ban
-- expired or was lifted (repeat offences within the repeat window double the ban time). An
-- active ban of the same key is left alone and nothing is returned. The writer NOTIFYs afterwards,
-- once for all the bans it wrote in one round (notify.sql).
-- 1 kind, 2 kind, 3 key, 4 reason, 5 failures, 6 attempts, 7 created_at, 8 expires_at, 9 created_by,
-- 10 repeat window (s), 11 max duration (s), 12 base duration (s), 13 repeat window (s)
WITH up AS (
  INSERT INTO ban AS b (kind, key, reason, failures, attempts, offences, created_at, expires_at, created_by)
  VALUES (?, cphub_canonical_ban_key(?, ?), ?, ?, ?, 1, ?, ?, ?)
  ON CONFLICT (kind, key) DO UPDATE SET
    reason = EXCLUDED.reason,
    failures = EXCLUDED.failures,
    attempts = EXCLUDED.attempts,
    offences = CASE WHEN b.created_at > EXCLUDED.created_at - make_interval(secs => ?)
                    THEN b.offences + 1 ELSE 1 END,
    expires_at = EXCLUDED.created_at + make_interval(secs => least(?::double precision, ? * power(2,
                    CASE WHEN b.created_at > EXCLUDED.created_at - make_interval(secs => ?)
                         THEN b.offences ELSE 0 END))),
    created_at = EXCLUDED.created_at,
    created_by = EXCLUDED.created_by,
    lifted_at = NULL,
    lifted_by = NULL
  WHERE b.expires_at <= EXCLUDED.created_at OR b.lifted_at IS NOT NULL
  RETURNING b.id, b.kind, b.key, b.reason, b.failures, b.attempts, b.offences, b.created_at, b.expires_at,
            b.created_by, b.lifted_at, b.lifted_by
)
SELECT up.* FROM up
