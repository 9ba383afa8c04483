package io.cphub.proxy;

import io.cphub.proxy.abuse.BansCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cphub-proxy}: the proxy's command line ({@code serve}, {@code lookup}, {@code bans}). */
@Command(name = "cphub-proxy", mixinStandardHelpOptions = true,
    subcommands = {ServeCommand.class, LookupCommand.class, BansCommand.class},
    description = "cphub mail proxy: route table, nginx auth_http, metrics.")
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
