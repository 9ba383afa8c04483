package io.cphub.proxy;

import io.cphub.model.BuildVersion;
import io.cphub.proxy.abuse.BansCommand;
import io.cphub.proxy.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cphub-proxy}: the proxy's command line ({@code serve}, {@code lookup}, {@code bans}). */
@Command(name = "cphub-proxy", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    subcommands = {ServeCommand.class, LookupCommand.class, BansCommand.class},
    description = "cphub mail proxy: route table, nginx auth_http, metrics.")
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigException) {
        cmd.getErr().println("configuration error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }

  /** {@code --version}: the release Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildVersion.line("cphub-proxy")};
    }
  }
}
