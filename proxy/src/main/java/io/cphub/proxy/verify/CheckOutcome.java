package io.cphub.proxy.verify;

/**
 * What one password check came to: a plain {@link CheckResult} when there is nothing more to say,
 * or a {@link BackendProblem} (always {@link CheckResult#UNAVAILABLE}) that says what went wrong
 * with the backend, for the circuit breaker, the metrics and the log. Immutable.
 */
public sealed interface CheckOutcome permits CheckResult, BackendProblem {
  /** What the login decision needs: accepted, wrong password, or not the user's fault. */
  CheckResult result();
}
