package io.cphub.registry.api;

/** Who sent a request: the operator (admin token) or one server's agent (its own token). */
sealed interface Principal {
  /** The operator. */
  record Admin() implements Principal {}

  /** The agent of server {@code name}. */
  record Agent(String name) implements Principal {}
}
