SELECT version, kind, key, server_id FROM change_log WHERE version > ? ORDER BY version LIMIT ?
