package io.cphub.registry.api;

import io.cphub.registry.audit.Actor;

/**
 * Who sent a request: the bootstrap operator (the config's admin token), a named operator (an
 * operator token), or one server's agent (its own token).
 */
public sealed interface Principal {
  /** The bootstrap operator. */
  record Admin() implements Principal {}

  /** A named operator. */
  record Operator(String name) implements Principal {}

  /** The agent of server {@code name}. */
  record Agent(String name) implements Principal {}

  /** The audit actor of an operator principal; an agent never performs operator actions. */
  static Actor actor(Principal p) {
    if (p instanceof Operator o) {
      return Actor.operator(o.name());
    }
    if (p instanceof Admin) {
      return Actor.admin();
    }
    throw new HttpRefusal(403, "forbidden", "this endpoint needs an operator token");
  }
}
