package io.cphub.model;

/** A domain name, username or login that cannot be normalised; the message says why. */
public final class InvalidNameException extends ModelException {
  private static final long serialVersionUID = 1L;

  public InvalidNameException(String message) {
    super(message);
  }
}
