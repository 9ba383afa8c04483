package io.cphub.agent;

import io.cphub.agent.config.AgentConfig;
import io.cphub.agent.config.ConfigLoader;
import io.cphub.agent.hooks.HookInstaller;
import io.cphub.agent.push.AgentStatus;
import io.cphub.agent.push.StatusFile;
import io.cphub.agent.spool.Spool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The agent's command line: {@code serve}, {@code sync-once}, {@code status}, {@code install-hooks}, {@code uninstall-hooks}, {@code dns}. */
@Command(name = "cphub-agent", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Pushes this cPanel server's accounts and domains to the cphub registry.",
    subcommands = {Main.Serve.class, Main.SyncOnce.class, Main.Status.class, Main.InstallHooks.class,
        Main.UninstallHooks.class, DnsCommand.class})
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("cphub-agent: " + e.getMessage());
      return e instanceof AgentException ? 2 : 1;
    });
    System.exit(cli.execute(args));
  }

  abstract static class WithConfig {
    @Option(names = "--config", defaultValue = "/etc/cphub/agent.properties", description = "config file")
    Path config;

    AgentConfig load() {
      return ConfigLoader.load(config, System.getenv());
    }
  }

  @Command(name = "serve", description = "Run the agent: full sync at start and every interval, hook events as they come.")
  static final class Serve extends WithConfig implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      AgentConfig c = load();
      LOG.info("cphub agent {} starting with {}", Wiring.version(), c.describe());
      RunningAgent agent = RunningAgent.start(c, Clock.systemUTC());
      Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "cphub-shutdown"));
      agent.awaitStop();
      return 0;
    }
  }

  @Command(name = "sync-once", description = "Run one full sync now and exit (0 = accepted).")
  static final class SyncOnce extends WithConfig implements Callable<Integer> {
    @Override
    public Integer call() {
      Wiring.syncLoop(load(), Clock.systemUTC()).fullSyncNow();
      System.out.println("full sync accepted");
      return 0;
    }
  }

  @Command(name = "status", description = "Show last sync, spool depth and last error (exit 1 when never synced or refused).")
  static final class Status extends WithConfig implements Callable<Integer> {
    @Override
    public Integer call() {
      AgentConfig c = load();
      AgentStatus s = new StatusFile(c.statusFile()).read();
      System.out.println("server:            " + c.serverName());
      System.out.println("spool depth:       " + new Spool(c.spoolDir()).depth() + " (" + c.spoolDir() + ")");
      if (s == null) {
        System.out.println("status:            the agent has not run yet (" + c.statusFile() + ")");
        return 1;
      }
      System.out.println("last full sync:    " + s.lastFullSync());
      System.out.println("last account push: " + s.lastAccountPush());
      System.out.println("last WHM read:     " + s.lastWhmRead());
      System.out.println("next full sync:    " + s.nextFullSync());
      System.out.println("retry at:          " + s.retryAt());
      System.out.println("last error:        " + (s.lastError() == null ? "none" : s.lastErrorAt() + " " + s.lastError()));
      System.out.println("registry refusal:  " + (s.refusal() == null ? "none" : s.refusal()));
      return s.refusal() != null || s.lastFullSync() == null ? 1 : 0;
    }
  }

  @Command(name = "install-hooks", description = "Register the hook script with manage_hooks for every needed event.")
  static final class InstallHooks extends WithConfig implements Callable<Integer> {
    @Override
    public Integer call() {
      AgentConfig c = load();
      new HookInstaller(c.manageHooks(), c.hookScript()).install();
      System.out.println("registered " + c.hookScript() + " for " + HookInstaller.EVENTS.size() + " hook events");
      return 0;
    }
  }

  @Command(name = "uninstall-hooks", description = "Remove the hook script from manage_hooks for every event.")
  static final class UninstallHooks extends WithConfig implements Callable<Integer> {
    @Override
    public Integer call() {
      AgentConfig c = load();
      new HookInstaller(c.manageHooks(), c.hookScript()).uninstall();
      System.out.println("removed " + c.hookScript() + " from " + HookInstaller.EVENTS.size() + " hook events");
      return 0;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {io.cphub.model.BuildVersion.line("cphub-agent")};
    }
  }
}
