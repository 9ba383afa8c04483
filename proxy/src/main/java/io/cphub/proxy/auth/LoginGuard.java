package io.cphub.proxy.auth;

/**
 * The hook for abuse protection, called between "request parsed and routed" and "password
 * checked". {@link #before} runs on the Netty event loop and must not block; {@link #after} runs
 * on whichever thread finished the check and must not block either. Implementations must be
 * thread-safe.
 */
public interface LoginGuard {
  /** Decides whether the attempt may go on to the password check. */
  GuardVerdict before(LoginAttempt attempt);

  /** Learns how the attempt ended. */
  void after(LoginAttempt attempt, AuthOutcome outcome);

  /** Lets everything through. */
  LoginGuard NONE = new LoginGuard() {
    @Override
    public GuardVerdict before(LoginAttempt attempt) {
      return GuardVerdict.ALLOW;
    }

    @Override
    public void after(LoginAttempt attempt, AuthOutcome outcome) {
      // nothing to learn
    }
  };
}
