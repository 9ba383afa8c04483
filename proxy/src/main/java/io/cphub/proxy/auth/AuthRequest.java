package io.cphub.proxy.auth;

/**
 * The parts of an auth_http request the decision needs, decoded: credentials as bytes after
 * {@code %XX} decoding, the client address, whether the client used TLS, the attempt counter.
 */
public record AuthRequest(Protocol protocol, String method, byte[] user, byte[] password, String clientIp,
    boolean ssl, int attempt) {}
