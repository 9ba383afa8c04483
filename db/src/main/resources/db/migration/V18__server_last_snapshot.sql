-- When each server's last full snapshot was accepted (written), apart from last_sync_at, which every
-- push (hook pushes included) updates. A refused snapshot rolls back and leaves it unchanged.
ALTER TABLE server ADD COLUMN last_snapshot_at timestamptz;
