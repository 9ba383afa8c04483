package io.cphub.proxy.auth;

import io.cphub.proxy.route.IpLiterals;

/** Turns a {@link RawRequest} into an {@link AuthRequest} or a {@link BadRequestException}. Stateless. */
final class AuthRequests {
  private AuthRequests() {}

  static AuthRequest parse(RawRequest raw) {
    Protocol p = Protocol.of(raw.text("auth-protocol"));
    if (p == null) {
      throw new BadRequestException("missing or unknown Auth-Protocol", null);
    }
    if (!raw.method().equals("GET")) {
      throw new BadRequestException("method " + io.cphub.model.Printable.of(raw.method()) + " is not GET", p);
    }
    String method = raw.text("auth-method");
    if (method == null) {
      throw new BadRequestException("missing Auth-Method", p);
    }
    byte[] user = decode(raw, "auth-user", p);
    byte[] pass = decode(raw, "auth-pass", p);
    String ip = raw.text("client-ip");
    if (ip == null || !IpLiterals.isIpLiteral(ip)) {
      throw new BadRequestException("missing or invalid Client-IP " + io.cphub.model.Printable.of(ip), p);
    }
    String ssl = raw.text("auth-ssl");
    String attempt = raw.text("auth-login-attempt");
    int n = 1;
    if (attempt != null) {
      try {
        n = Integer.parseInt(attempt);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1) {
        throw new BadRequestException("bad Auth-Login-Attempt " + io.cphub.model.Printable.of(attempt), p);
      }
    }
    return new AuthRequest(p, method, user, pass, ip, "on".equals(ssl), n);
  }

  private static byte[] decode(RawRequest raw, String name, Protocol p) {
    byte[] v = raw.header(name);
    if (v == null) {
      throw new BadRequestException("missing " + name, p);
    }
    byte[] d = Percent.decode(v);
    if (d == null) {
      throw new BadRequestException("bad %-escape in " + name, p);
    }
    return d;
  }
}
