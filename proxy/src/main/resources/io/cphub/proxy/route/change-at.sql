SELECT concat_ws('|', kind, key, coalesce(server_id::text, '-'), (extract(epoch FROM committed_at) * 1000000)::bigint) FROM change_log WHERE version = ?
