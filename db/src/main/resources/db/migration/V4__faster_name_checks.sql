-- Same rules as V1, cheaper to evaluate. PostgreSQL's regex engine expands the counted
-- repetitions {1,63} / {0,31} into large automata: about 27 us per domain, which dominated the
-- cost of writing a 2,000-domain snapshot (the check runs on domain_claim, route and pin rows).
-- Equivalent forms: the label pattern without counts, plus "no run of 64 non-dot characters"
-- (only possible when the whole name is longer than 63); the username pattern without counts,
-- plus a length check. CREATE OR REPLACE keeps the functions' identity, owners and grants.
CREATE OR REPLACE FUNCTION cphub_valid_domain(d text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT length(d) <= 253
       AND d ~ '^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$'
       AND (length(d) <= 63 OR d !~ '[^.]{64}')
$$;

CREATE OR REPLACE FUNCTION cphub_valid_username(u text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT length(u) <= 32 AND u ~ '^[a-z0-9][a-z0-9_.-]*$'
$$;
