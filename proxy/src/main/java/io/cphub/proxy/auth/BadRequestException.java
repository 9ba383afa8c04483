package io.cphub.proxy.auth;

import io.cphub.proxy.ProxyException;

/** An auth_http request that cannot be answered as a login: missing or malformed headers. */
final class BadRequestException extends ProxyException {
  private static final long serialVersionUID = 1L;
  private final transient Protocol protocol;

  BadRequestException(String message, Protocol protocol) {
    super(message);
    this.protocol = protocol;
  }

  /** The protocol, when it was readable, so the failure reply fits it; else null. */
  Protocol protocol() {
    return protocol;
  }
}
