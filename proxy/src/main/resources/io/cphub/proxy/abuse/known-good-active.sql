-- Known-good pairs still valid: 1 now, 2 at most this many (the longest-lived first).
SELECT tag, expires_at FROM known_good WHERE expires_at > ? ORDER BY expires_at DESC LIMIT ?
