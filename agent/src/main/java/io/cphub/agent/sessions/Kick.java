package io.cphub.agent.sessions;

import java.util.List;

/**
 * One kick to make for a move: through WHM ({@code account} set: {@code terminate_cpuser_mailbox_sessions}
 * of that cPanel account, and when WHM cannot, {@code doveadm kick} of every mask in {@code masks})
 * or through doveadm alone ({@code account} null). {@code reason} says which departure(s) led to it,
 * for the log; {@code version} is the newest departure it covers.
 */
public record Kick(String account, List<String> masks, String reason, long version) {
  public Kick {
    masks = List.copyOf(masks);
  }

  boolean viaWhm() {
    return account != null;
  }
}
