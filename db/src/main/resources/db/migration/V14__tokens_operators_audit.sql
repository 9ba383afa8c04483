-- Accountable tokens and operators (registry).
-- server: a rotated-out token keeps working until old_token_expires_at (the grace period), so the
-- agent can be updated without a gap. Revoking clears both hashes: the server is locked out until
-- an operator rotates a new token. A token hash is unique across current and old columns by the
-- way tokens are made (256 random bits), so no cross-column constraint is kept.
ALTER TABLE server ALTER COLUMN token_hash DROP NOT NULL;
ALTER TABLE server ADD COLUMN old_token_hash bytea UNIQUE CHECK (length(old_token_hash) = 32);
ALTER TABLE server ADD COLUMN old_token_expires_at timestamptz;
ALTER TABLE server ADD CONSTRAINT server_old_token_expiry
  CHECK ((old_token_hash IS NULL) = (old_token_expires_at IS NULL));

-- Named operator tokens; the admin.token of the config stays the bootstrap credential. Rows stay
-- after revocation, so the audit log keeps naming who acted.
CREATE TABLE operator (
  id          integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text        NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9._-]{0,63}$'),
  -- SHA-256 of the bearer token; the token itself is shown once and never stored.
  token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);

-- Every operator action, written in the same transaction as the action itself. Append-only for
-- the registry role (no UPDATE or DELETE grant).
--   actor_kind 'admin':    the config's admin.token (actor is 'admin')
--   actor_kind 'operator': a named operator token (actor is its name)
--   actor_kind 'os':       a CLI command run against the database (actor is the OS user)
CREATE TABLE audit (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_kind  text        NOT NULL CHECK (actor_kind IN ('admin', 'operator', 'os')),
  actor       text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 128),
  action      text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9.-]{0,63}$'),
  target      text        NOT NULL CHECK (length(target) <= 320),
  reason      text        CHECK (length(reason) <= 500),
  detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_at ON audit (at);

GRANT SELECT, INSERT, UPDATE, DELETE ON operator TO cphub_registry;
GRANT SELECT, INSERT ON audit TO cphub_registry;
