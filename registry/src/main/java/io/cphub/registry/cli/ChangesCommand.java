package io.cphub.registry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code changes [--limit N]}: the newest change-feed rows, newest first. */
@Command(name = "changes", mixinStandardHelpOptions = true, description = "Show the newest route changes, newest first.")
final class ChangesCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;
  @Option(names = "--limit", defaultValue = "100", description = "at most this many rows (1..1000, default 100)")
  int limit;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.changes().latest(limit));
  }
}
