package io.cphub.model.wire;

/** Answer of {@code GET /v1/routes/{login-or-domain}}: where a domain or account lives. */
public record RouteView(String key, String server, String address, String account, long version) {}
