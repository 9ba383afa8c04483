package io.cphub.agent.spool;

import java.util.Set;

/**
 * One hook event file, reduced to what the agent re-reads: the accounts it names, or {@code full}
 * when it cannot be tied to accounts (then a full snapshot covers it). {@code restored} names the
 * accounts the event shows arriving by a WHM transfer or restore ({@code PkgAcct Restore}, or
 * {@code Accounts::Create} with {@code is_restore}): evidence the registry needs to let the
 * account take its domains over at once.
 */
public record SpoolEvent(String file, String event, Set<String> users, boolean full, Set<String> restored) {
  public SpoolEvent {
    users = Set.copyOf(users);
    restored = Set.copyOf(restored);
  }
}
