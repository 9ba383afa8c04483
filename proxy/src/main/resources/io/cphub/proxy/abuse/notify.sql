-- Announces the ban rows one node wrote in one round: their ids, comma-separated.
SELECT pg_notify('cphub_bans', ?)
