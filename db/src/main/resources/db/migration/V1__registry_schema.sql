-- cphub registry schema. See DESIGN.md "Registry data model" and
-- reference/postgres-change-feed.md §3.4 for the change feed.

-- A normalised domain: lower-case ASCII labels of 1-63 chars from [a-z0-9-], at least two labels,
-- at most 253 characters, optionally a leading "*." for wildcards (kept, never routed).
CREATE FUNCTION cphub_valid_domain(d text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT length(d) <= 253
       AND d ~ '^(\*\.)?[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$'
$$;

-- A normalised cPanel username (model's Username).
CREATE FUNCTION cphub_valid_username(u text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT u ~ '^[a-z0-9][a-z0-9_.-]{0,31}$'
$$;

CREATE TABLE server (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text        NOT NULL UNIQUE CHECK (cphub_valid_domain(name) AND name NOT LIKE '*%'),
  -- nginx needs an IP literal in Auth-Server: a host address, never a network.
  address      inet        NOT NULL CHECK (masklen(address) = CASE WHEN family(address) = 4 THEN 32 ELSE 128 END),
  imap_port    integer     CHECK (imap_port BETWEEN 1 AND 65535),
  pop3_port    integer     CHECK (pop3_port BETWEEN 1 AND 65535),
  smtp_port    integer     CHECK (smtp_port BETWEEN 1 AND 65535),
  state        text        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'draining', 'retired')),
  -- SHA-256 of the bearer token; the token itself is shown once at enrolment and never stored.
  token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_sync_at timestamptz,
  agent_state  jsonb
);

CREATE TABLE account (
  server_id      integer     NOT NULL REFERENCES server (id) ON DELETE CASCADE,
  username       text        NOT NULL CHECK (cphub_valid_username(username)),
  primary_domain text        NOT NULL CHECK (cphub_valid_domain(primary_domain)),
  owner          text        NOT NULL CHECK (length(owner) BETWEEN 1 AND 64),
  suspended      boolean     NOT NULL DEFAULT false,
  first_seen     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, username)
);

CREATE TABLE domain_claim (
  domain     text        NOT NULL CHECK (cphub_valid_domain(domain)),
  server_id  integer     NOT NULL,
  username   text        NOT NULL,
  kind       text        NOT NULL CHECK (kind IN ('main', 'addon', 'parked', 'sub')),
  first_seen timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (domain, server_id),
  FOREIGN KEY (server_id, username) REFERENCES account (server_id, username) ON DELETE CASCADE
);
CREATE INDEX domain_claim_server ON domain_claim (server_id, username);

-- Materialised routes: what proxies read. Wildcards never route a login.
CREATE TABLE route (
  domain    text    PRIMARY KEY CHECK (cphub_valid_domain(domain) AND domain NOT LIKE '*%'),
  server_id integer NOT NULL REFERENCES server (id),
  username  text    NOT NULL CHECK (cphub_valid_username(username)),
  version   bigint  NOT NULL CHECK (version > 0)
);
CREATE INDEX route_server ON route (server_id);

CREATE TABLE account_route (
  username  text    PRIMARY KEY CHECK (cphub_valid_username(username)),
  server_id integer NOT NULL REFERENCES server (id),
  version   bigint  NOT NULL CHECK (version > 0)
);
CREATE INDEX account_route_server ON account_route (server_id);

-- Operator override of a domain's or a username's server.
CREATE TABLE pin (
  kind       text        NOT NULL CHECK (kind IN ('domain', 'account')),
  key        text        NOT NULL,
  server_id  integer     NOT NULL REFERENCES server (id),
  reason     text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, key),
  CHECK (CASE kind WHEN 'domain' THEN cphub_valid_domain(key) AND key NOT LIKE '*%'
                   ELSE cphub_valid_username(key) END)
);

-- The feed head: one row. Writers bump version by the number of route changes as the last step
-- of their transaction; the row lock hands out versions in commit order, without gaps.
CREATE TABLE feed_head (
  id      integer PRIMARY KEY CHECK (id = 1),
  epoch   uuid    NOT NULL,
  version bigint  NOT NULL CHECK (version >= 0)
);
INSERT INTO feed_head (id, epoch, version) VALUES (1, gen_random_uuid(), 0);

-- One row per route change. kind 'domain' / 'account': key is the domain or username, server_id
-- the new server or NULL for a removal. kind 'server': key is the server id; its row changed
-- (address, ports, state) and readers re-read it.
CREATE TABLE change_log (
  version      bigint      PRIMARY KEY CHECK (version > 0),
  kind         text        NOT NULL CHECK (kind IN ('domain', 'account', 'server')),
  key          text        NOT NULL,
  server_id    integer,
  committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_committed_at ON change_log (committed_at);
