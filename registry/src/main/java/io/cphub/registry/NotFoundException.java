package io.cphub.registry;

/** The named server, route, account or pin does not exist. */
public final class NotFoundException extends RejectedException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String error, String detail) {
    super(error, detail);
  }
}
