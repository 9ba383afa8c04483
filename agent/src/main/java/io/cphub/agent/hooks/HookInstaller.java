package io.cphub.agent.hooks;

import io.cphub.agent.AgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Registers (or removes) the hook script with cPanel's {@code manage_hooks} for every event a
 * sync agent needs: one {@code manage_hooks add|delete script PATH --manual --category C
 * --event E --stage S} call per event. Mailbox events are not registered: routing is per domain
 * and account. Stateless.
 */
public final class HookInstaller {
  /** One hookable event. */
  public record HookEvent(String category, String event, String stage) {}

  public static final List<HookEvent> EVENTS = List.of(
      new HookEvent("Whostmgr", "Accounts::Create", "post"),
      new HookEvent("Whostmgr", "Accounts::Remove", "pre"),
      new HookEvent("Whostmgr", "Accounts::Remove", "post"),
      new HookEvent("Whostmgr", "Accounts::Modify", "post"),
      new HookEvent("Whostmgr", "Accounts::suspendacct", "post"),
      new HookEvent("Whostmgr", "Accounts::unsuspendacct", "post"),
      new HookEvent("Whostmgr", "Accounts::change_package", "post"),
      new HookEvent("Whostmgr", "Accounts::SiteIP::set", "post"),
      new HookEvent("Whostmgr", "Accounts::rearrangeacct", "post"),
      new HookEvent("Whostmgr", "Domain::park", "post"),
      new HookEvent("Whostmgr", "Domain::unpark", "post"),
      new HookEvent("Whostmgr", "Domain::addsubdomain", "post"),
      new HookEvent("Whostmgr", "Domain::delsubdomain", "post"),
      new HookEvent("Whostmgr", "Transfers::Session", "post"),
      new HookEvent("PkgAcct", "Restore", "post"),
      new HookEvent("ConvertAddon", "ConvertAddon::convert_addon", "post"));

  private final Path manageHooks;
  private final Path script;

  public HookInstaller(Path manageHooks, Path script) {
    this.manageHooks = manageHooks;
    this.script = script;
  }

  public void install() {
    run("add");
  }

  public void uninstall() {
    run("delete");
  }

  private void run(String action) {
    List<String> failures = new ArrayList<>();
    for (HookEvent e : EVENTS) {
      List<String> cmd = List.of(manageHooks.toString(), action, "script", script.toString(), "--manual",
          "--category", e.category(), "--event", e.event(), "--stage", e.stage());
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          failures.add(e + ": manage_hooks did not finish within 60 s");
        } else if (p.exitValue() != 0) {
          failures.add(e + ": exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out));
        }
      } catch (IOException ex) {
        throw new AgentException("cannot run " + manageHooks + ": " + ex.getMessage(), ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new AgentException("interrupted while running " + manageHooks, ex);
      }
    }
    if (!failures.isEmpty()) {
      throw new AgentException("manage_hooks " + action + " failed for " + failures.size() + " of " + EVENTS.size()
          + " events: " + String.join("; ", failures));
    }
  }
}
