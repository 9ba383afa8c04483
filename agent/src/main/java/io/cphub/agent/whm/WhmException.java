package io.cphub.agent.whm;

import io.cphub.agent.AgentException;

/**
 * WHM could not be read: transport error, timeout, non-200, malformed JSON, a missing envelope,
 * {@code metadata.result: 0}, or an answer too empty to trust. Never a reason to delete anything.
 * {@link #kind()} names the failure for the agent's metrics: {@code auth}, {@code http} (a status
 * other than 200), {@code timeout}, {@code unreachable}, or {@code answer} (anything wrong with the
 * body, the default).
 */
public class WhmException extends AgentException {
  private static final long serialVersionUID = 1L;
  private final String kind;

  public WhmException(String message) {
    this("answer", message, null);
  }

  public WhmException(String message, Throwable cause) {
    this("answer", message, cause);
  }

  WhmException(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** What failed: {@code auth}, {@code http}, {@code timeout}, {@code unreachable} or {@code answer}. */
  public String kind() {
    return kind;
  }
}
