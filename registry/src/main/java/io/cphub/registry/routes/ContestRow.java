package io.cphub.registry.routes;

import java.time.Instant;

/**
 * One claim in an open contest: the standing one ({@code standing} true) or a waiting newcomer.
 * {@code account} is the claiming account (domains) or the account's primary domain (usernames).
 */
public record ContestRow(String key, Instant since, boolean standing, Instant standingSince, String server,
    String account, String kind, boolean suspended, Instant firstSeen, boolean transferred) {}
