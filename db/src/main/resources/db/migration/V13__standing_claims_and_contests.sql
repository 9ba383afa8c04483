-- Who wins a domain (DESIGN.md): the claim that routes today, the standing claim, keeps the route
-- while it lives; a newcomer waits as a contest unless its account arrived by a WHM transfer or
-- restore. Upgrading keeps every route where it is: today's winners become the standing claims.

-- Transfer evidence, recorded on a claim (and an account, for bare-username routes) when it is
-- first seen: the agent saw a PkgAcct Restore or a restoring Accounts::Create for the account.
ALTER TABLE account ADD COLUMN transferred boolean NOT NULL DEFAULT false;
ALTER TABLE domain_claim ADD COLUMN transferred boolean NOT NULL DEFAULT false;

-- The standing claim of each routed key: the server whose claim the winner rule keeps without
-- pins (a pin routes elsewhere but leaves the standing claim as it is), and since when it stands.
-- A claim first seen after standing_since, on another server, is a newcomer: a contest.
ALTER TABLE route ADD COLUMN standing_server_id integer, ADD COLUMN standing_since timestamptz;
ALTER TABLE account_route ADD COLUMN standing_server_id integer, ADD COLUMN standing_since timestamptz;

-- Unpinned keys: the route's own claim stands. Pinned keys: what the previous rule chose without
-- the pin (non-retired, non-suspended first, then most recently first seen, then higher server id).
UPDATE route r SET standing_server_id = r.server_id, standing_since = c.first_seen
  FROM domain_claim c
  WHERE c.domain = r.domain AND c.server_id = r.server_id
    AND NOT EXISTS (SELECT 1 FROM pin p WHERE p.kind = 'domain' AND p.key = r.domain);
UPDATE route r SET standing_server_id = w.server_id, standing_since = w.first_seen
  FROM (SELECT DISTINCT ON (c.domain) c.domain, c.server_id, c.first_seen
          FROM domain_claim c
          JOIN account a ON a.server_id = c.server_id AND a.username = c.username
          JOIN server s ON s.id = c.server_id AND s.state <> 'retired'
          JOIN pin p ON p.kind = 'domain' AND p.key = c.domain
          ORDER BY c.domain, a.suspended, c.first_seen DESC, c.server_id DESC) w
  WHERE w.domain = r.domain;
UPDATE route SET standing_server_id = server_id, standing_since = now() WHERE standing_server_id IS NULL;

UPDATE account_route r SET standing_server_id = r.server_id, standing_since = a.first_seen
  FROM account a
  WHERE a.username = r.username AND a.server_id = r.server_id
    AND NOT EXISTS (SELECT 1 FROM pin p WHERE p.kind = 'account' AND p.key = r.username);
UPDATE account_route r SET standing_server_id = w.server_id, standing_since = w.first_seen
  FROM (SELECT DISTINCT ON (a.username) a.username, a.server_id, a.first_seen
          FROM account a
          JOIN server s ON s.id = a.server_id AND s.state <> 'retired'
          JOIN pin p ON p.kind = 'account' AND p.key = a.username
          ORDER BY a.username, a.suspended, a.first_seen DESC, a.server_id DESC) w
  WHERE w.username = r.username;
UPDATE account_route SET standing_server_id = server_id, standing_since = now() WHERE standing_server_id IS NULL;

ALTER TABLE route ALTER COLUMN standing_server_id SET NOT NULL, ALTER COLUMN standing_since SET NOT NULL;
ALTER TABLE account_route ALTER COLUMN standing_server_id SET NOT NULL, ALTER COLUMN standing_since SET NOT NULL;

-- Open contests, one row per key, kept by the registry's feed writer in the same transaction as
-- the claims that open or close them; since = when the first waiting newcomer was first seen.
CREATE TABLE contest (
  kind  text        NOT NULL CHECK (kind IN ('domain', 'account')),
  key   text        NOT NULL,
  since timestamptz NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX contest_since ON contest (since);

-- How many rows contest holds, kept by the same writer (under the feed head lock), so the gauge is
-- one row read however many contests a hostile reseller opens.
CREATE TABLE contest_count (
  id       integer PRIMARY KEY CHECK (id = 1),
  contests bigint  NOT NULL CHECK (contests >= 0)
);

-- Today's contests: keys not decided by a live pin with a non-retired claim on another server
-- first seen after the standing claim stood.
INSERT INTO contest (kind, key, since)
  SELECT 'domain', r.domain, min(c.first_seen)
    FROM route r
    JOIN domain_claim c ON c.domain = r.domain AND c.server_id <> r.standing_server_id
      AND c.first_seen > r.standing_since
    JOIN server s ON s.id = c.server_id AND s.state <> 'retired'
    WHERE NOT EXISTS (SELECT 1 FROM pin p JOIN domain_claim pc ON pc.domain = p.key AND pc.server_id = p.server_id
                        JOIN server ps ON ps.id = p.server_id AND ps.state <> 'retired'
                        WHERE p.kind = 'domain' AND p.key = r.domain)
    GROUP BY r.domain;
INSERT INTO contest (kind, key, since)
  SELECT 'account', r.username, min(a.first_seen)
    FROM account_route r
    JOIN account a ON a.username = r.username AND a.server_id <> r.standing_server_id
      AND a.first_seen > r.standing_since
    JOIN server s ON s.id = a.server_id AND s.state <> 'retired'
    WHERE NOT EXISTS (SELECT 1 FROM pin p JOIN account pa ON pa.username = p.key AND pa.server_id = p.server_id
                        JOIN server ps ON ps.id = p.server_id AND ps.state <> 'retired'
                        WHERE p.kind = 'account' AND p.key = r.username)
    GROUP BY r.username;
INSERT INTO contest_count (id, contests) SELECT 1, count(*) FROM contest;

GRANT SELECT, INSERT, UPDATE, DELETE ON contest, contest_count TO cphub_registry;
