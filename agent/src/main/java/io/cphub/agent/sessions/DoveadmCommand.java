package io.cphub.agent.sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <command> kick <mask>} itself (the agent needs root for it, {@link KickSocket} is
 * the packaged way) (Dovecot 2.3's {@code doveadm kick}: SIGTERM to the sessions
 * of the matching users; an IMAP client gets {@code * BYE} and a closed connection). Exit 0 is
 * {@link Outcome#KICKED}, exit 68 ({@code no users kicked}) {@link Outcome#NONE}, anything else,
 * a missing program or 10 s without an end {@link Outcome#FAILED}. Stateless; thread-safe.
 */
final class DoveadmCommand implements Doveadm {
  static final int NOT_FOUND = 68;
  private final List<String> command;

  DoveadmCommand(List<String> command) {
    this.command = List.copyOf(command);
  }

  @Override
  public Result kick(String mask) {
    List<String> cmd = new ArrayList<>(command);
    cmd.add("kick");
    cmd.add(mask);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(Outcome.FAILED, String.join(" ", cmd) + " did not finish in 10 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
      return switch (p.exitValue()) {
        case 0 -> new Result(Outcome.KICKED, out);
        case NOT_FOUND -> new Result(Outcome.NONE, out);
        default -> new Result(Outcome.FAILED, "exit " + p.exitValue() + ": " + out);
      };
    } catch (IOException e) {
      return new Result(Outcome.FAILED, "cannot run " + cmd.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Outcome.FAILED, "interrupted");
    }
  }
}
