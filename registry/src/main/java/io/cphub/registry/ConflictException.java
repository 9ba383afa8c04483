package io.cphub.registry;

/** The request is valid but conflicts with the current state (mass removal, duplicate, unclaimed pin). */
public final class ConflictException extends RejectedException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String error, String detail) {
    super(error, detail);
  }
}
