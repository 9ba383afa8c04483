package io.cphub.registry;

/** Input that is malformed or invalid (a bad name, a duplicate, a missing field). */
public final class InvalidInputException extends RejectedException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String error, String detail) {
    super(error, detail);
  }
}
