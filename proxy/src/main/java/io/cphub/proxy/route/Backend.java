package io.cphub.proxy.route;

/**
 * One cPanel server as the proxy sees it (the public columns of the registry's {@code server} row).
 * Shared by every route to it, so a new address is one change. Ports are null when the server uses
 * the configured default for that protocol. {@code address} is what the registry stored; call
 * {@link #hasIpAddress()} before handing it to nginx, which accepts only an IP literal.
 */
public record Backend(int id, String name, String address, Integer imapPort, Integer pop3Port, Integer smtpPort,
    String state) {

  public Backend {
    if (name == null || address == null || state == null) {
      throw new IllegalArgumentException("server " + id + ": name, address and state are required");
    }
  }

  /** True when {@link #address()} is an IPv4 or IPv6 literal nginx can use as Auth-Server. */
  public boolean hasIpAddress() {
    return IpLiterals.isIpLiteral(address);
  }
}
