package io.cphub.proxy.route;

import io.netty.util.NetUtil;

/** Checks for IP literals as nginx's {@code ngx_parse_addr} accepts them (IPv6 without brackets). */
public final class IpLiterals {
  private IpLiterals() {}

  public static boolean isIpLiteral(String s) {
    return s != null && (NetUtil.isValidIpV4Address(s) || (s.indexOf(':') >= 0 && NetUtil.isValidIpV6Address(s)
        && s.indexOf('[') < 0 && s.indexOf('%') < 0));
  }
}
