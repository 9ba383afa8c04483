package io.cphub.registry.tls;

import io.cphub.registry.RegistryException;

/** A certificate, key or CA file that cannot be used; the message names the file and the config key. */
public final class TlsException extends RegistryException {
  private static final long serialVersionUID = 1L;

  TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
