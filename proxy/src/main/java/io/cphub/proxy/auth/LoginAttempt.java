package io.cphub.proxy.auth;

import io.cphub.model.Login;
import io.cphub.proxy.route.Backend;

/**
 * What a {@link LoginGuard} learns about one login attempt, after the request was parsed and
 * routed and before the password is checked. Never carries the password: {@code credentialTag} is
 * a keyed hash of backend, login and password (equal tags = the same password was tried again),
 * usable for counting distinct wrong passwords.
 *
 * @param login the parsed login, or null when the login could not be parsed
 * @param backend the routed server, or null when the login routes nowhere
 * @param credentialTag the keyed hash, or null when no password check is possible
 */
public record LoginAttempt(Protocol protocol, String clientIp, String rawLogin, Login login, Backend backend,
    int attempt, Object credentialTag) {}
