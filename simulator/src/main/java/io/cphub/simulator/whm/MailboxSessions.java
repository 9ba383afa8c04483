package io.cphub.simulator.whm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.simulator.state.ServerState;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WHM API 1 {@code terminate_cpuser_mailbox_sessions} ({@code username}): ends every IMAP and
 * POP3 session of a cPanel account. Answers {@code metadata.result: 1} with no data when the
 * account exists; {@code result: 0} when {@code username} is missing, when no such account exists
 * (cPanel's UserNotFound: the call needs the account to still be on the server), or when the
 * configured kick command fails. With a {@code doveadm} command it does what cPanel's
 * {@code kick_all_sessions_for_cpuser} does, against a real Dovecot: {@code kick <user>}, then
 * {@code kick *@<domain>} for the main domain and every other domain of the account; exit 0 and
 * 68 ("no users kicked", as cPanel's NOTFOUND) count as done. cPanel only queues the kick and
 * answers at once; the simulator runs it before answering. Thread-safe.
 */
public final class MailboxSessions {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxSessions.class);
  static final String FUNCTION = "terminate_cpuser_mailbox_sessions";
  private final ServerState state;
  private final List<String> doveadm;
  private final List<String> terminated = new CopyOnWriteArrayList<>();

  public MailboxSessions(ServerState state, List<String> doveadm) {
    this.state = state;
    this.doveadm = List.copyOf(doveadm);
  }

  ObjectNode terminate(String username) {
    if (username == null || username.isBlank()) {
      return WhmApi.envelope(FUNCTION, 0, "The “username” parameter is required.", null);
    }
    SimAccount a = state.find(username).orElse(null);
    if (a == null) {
      return WhmApi.envelope(FUNCTION, 0, "UserNotFound: The user “" + username + "” does not exist.", null);
    }
    if (!doveadm.isEmpty()) {
      List<String> masks = new ArrayList<>();
      masks.add(a.user());
      masks.add("*@" + a.domain());
      for (SimDomain d : a.domains()) {
        masks.add("*@" + d.domain());
      }
      for (String mask : masks) {
        String failure = kick(mask);
        if (failure != null) {
          return WhmApi.envelope(FUNCTION, 0, "Failed to terminate the sessions of “" + a.user() + "”: " + failure, null);
        }
      }
    }
    terminated.add(a.user());
    return WhmApi.envelope(FUNCTION, 1, "OK", null);
  }

  List<String> terminated() {
    return List.copyOf(terminated);
  }

  private String kick(String mask) {
    List<String> cmd = new ArrayList<>(doveadm);
    cmd.add("kick");
    cmd.add(mask);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "doveadm kick " + mask + " did not finish in 10 s";
      }
      LOG.info("simulated terminate_cpuser_mailbox_sessions: doveadm kick {}: exit {} {}", mask, p.exitValue(), out);
      return p.exitValue() == 0 || p.exitValue() == 68 ? null : "doveadm kick " + mask + " exited " + p.exitValue();
    } catch (IOException e) {
      return "cannot run " + cmd.get(0) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
