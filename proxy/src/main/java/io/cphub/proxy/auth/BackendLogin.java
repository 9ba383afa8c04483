package io.cphub.proxy.auth;

import io.cphub.model.Login;
import java.nio.charset.StandardCharsets;

/**
 * The login the backend is given and checked with: for {@code local@domain} and
 * {@code local+domain}, {@link Login#canonical()} (domain lower-case punycode without a trailing
 * dot, local part as typed); a bare cPanel username as typed. {@code rewritten} says the reply must
 * carry it as {@code Auth-User}, because nginx would otherwise log in with what the client typed.
 */
record BackendLogin(byte[] user, boolean rewritten) {

  static BackendLogin of(String typed, Login login) {
    String canonical = login.routeDomain() == null ? typed : login.canonical();
    return new BackendLogin(canonical.getBytes(StandardCharsets.UTF_8), !canonical.equals(typed));
  }
}
