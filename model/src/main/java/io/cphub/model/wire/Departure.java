package io.cphub.model.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One route that left a server for another one, at feed {@code version}: kind {@code domain} (key
 * the domain, {@code account} the cPanel account it routed to on the server it left) or
 * {@code account} (key and {@code account} the bare username; {@code whole} true when no domain of
 * that account routes to the server it left any more, so the whole account moved). {@code to} is
 * the server the route went to.
 */
public record Departure(long version, String kind, String key, String account, String to,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean whole) {
  public static final String DOMAIN = "domain";
  public static final String ACCOUNT = "account";
}
