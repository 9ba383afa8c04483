package io.cphub.agent.push;

import io.cphub.agent.AgentException;

/**
 * The registry could not be reached, timed out, or answered 5xx/429: retry with backoff, or after
 * {@link #retryAfter()} when the registry said how long (a {@code Retry-After} in seconds).
 */
public final class RegistryUnavailableException extends AgentException {
  private static final long serialVersionUID = 1L;
  private final transient java.time.Duration retryAfter;

  public RegistryUnavailableException(String message, Throwable cause) {
    this(message, cause, null);
  }

  public RegistryUnavailableException(String message, Throwable cause, java.time.Duration retryAfter) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the registry asked to wait, or null when it did not say. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }
}
