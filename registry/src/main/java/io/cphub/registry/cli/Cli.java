package io.cphub.registry.cli;

import io.cphub.model.BuildVersion;
import io.cphub.registry.RegistryException;
import io.cphub.registry.RejectedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code cphub-registry} command and its error handling (exit 2 + message on stderr). */
@Command(name = "cphub-registry", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "cphub registry: HTTP API, migrations and operator commands.",
    subcommands = {ServeCommand.class, MigrateCommand.class, ServersCommand.class, RouteCommands.Route.class,
        RouteCommands.Conflicts.class, RouteCommands.Pins.class, RouteCommands.Pin.class, RouteCommands.Unpin.class,
        OperatorsCommand.class, AuditCommand.class, BansCommand.class, ChangesCommand.class,
        ContestCommands.Contests.class, ContestCommands.Decide.class})
public final class Cli {
  /** A configured command line; tests call {@code execute} on it with their own writers. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Cli());
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof RejectedException r) {
        line.getErr().println("error: " + r.error() + ": " + r.getMessage());
        return 2;
      }
      if (e instanceof RegistryException) {
        line.getErr().println("error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl;
  }

  /** {@code --version}: the release Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildVersion.line("cphub-registry")};
    }
  }
}
