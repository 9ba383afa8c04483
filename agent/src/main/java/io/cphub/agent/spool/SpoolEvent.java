package io.cphub.agent.spool;

import java.util.Set;

/**
 * One hook event file, reduced to what the agent re-reads: the accounts it names, or {@code full}
 * when it cannot be tied to accounts (then a full snapshot covers it).
 */
public record SpoolEvent(String file, String event, Set<String> users, boolean full) {
  public SpoolEvent {
    users = Set.copyOf(users);
  }
}
