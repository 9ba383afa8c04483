package io.cphub.registry;

import io.cphub.registry.cli.Cli;

/** Entry point of {@code cphub-registry.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.commandLine().execute(args));
  }
}
