package io.cphub.registry.cli;

import io.cphub.model.wire.DecideRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contests} and {@code decide}. */
final class ContestCommands {
  private ContestCommands() {}

  /** {@code contests}: names whose standing claim holds while a newcomer waits. */
  @Command(name = "contests", mixinStandardHelpOptions = true,
      description = "List open contests: the standing claim, the waiting newcomers, since when, and why the standing one holds.")
  static final class Contests implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return Operator.run(config, spec.commandLine().getOut(), s -> s.contests().contests());
    }
  }

  /** {@code decide [--account] NAME --server S --reason R}. */
  @Command(name = "decide", mixinStandardHelpOptions = true,
      description = "Decide a contest: the claim of --server becomes the standing claim (no pin is left behind).")
  static final class Decide implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(paramLabel = "NAME", description = "the domain, or the username with --account")
    String name;
    @Option(names = "--account", description = "NAME is a cPanel username: decide its bare-username logins")
    boolean account;
    @Option(names = "--server", required = true)
    String server;
    @Option(names = "--reason", required = true)
    String reason;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      DecideRequest req = new DecideRequest(server, reason);
      return Operator.run(config, spec.commandLine().getOut(),
          s -> account ? s.contests().decideAccount(name, req, config.actor())
              : s.contests().decide(name, req, config.actor()));
    }
  }
}
