-- The registry recomputes a username's account route across all servers (the winner rule), and
-- lists conflicts; both look accounts up by username alone.
CREATE INDEX account_username ON account (username);
