package io.cphub.proxy.verify;

/**
 * Asks one backend whether a login and password are right. Implementations block (socket I/O with
 * timeouts) and must be called off the event loop; they are stateless and thread-safe.
 */
public interface CredentialChecker {
  /**
   * @param host backend IP literal
   * @param clientIp the real client's address, passed on to the backend so its own brute-force
   *     defences see the attacker rather than the proxy
   * @param user the login as the client sent it (UTF-8 bytes)
   * @param password the password as UTF-8 bytes
   * @return a {@link CheckResult}, or a {@link BackendProblem} saying why the backend could not tell
   */
  CheckOutcome check(String host, int port, String clientIp, byte[] user, byte[] password);
}
