package io.cphub.registry.api;

import io.cphub.registry.RejectedException;

/** A request refused at the HTTP level (auth, method, content type), with its status. */
final class HttpRefusal extends RejectedException {
  private static final long serialVersionUID = 1L;
  final int status;

  HttpRefusal(int status, String error, String detail) {
    super(error, detail);
    this.status = status;
  }
}
