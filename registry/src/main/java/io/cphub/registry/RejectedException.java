package io.cphub.registry;

/**
 * A request the registry refuses; nothing was written. {@link #error()} is the short
 * machine-readable reason sent as {@code ErrorBody.error}, the message is the human detail.
 */
public abstract class RejectedException extends RegistryException {
  private static final long serialVersionUID = 1L;
  private final String error;

  protected RejectedException(String error, String detail) {
    super(detail);
    this.error = error;
  }

  public String error() {
    return error;
  }
}
