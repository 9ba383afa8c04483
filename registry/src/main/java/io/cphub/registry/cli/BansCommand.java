package io.cphub.registry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bans list [--all]} and {@code bans lift KIND KEY}: the proxies' shared bans, from the
 * registry's database. A lift is the proxy CLI's (every proxy drops the ban within a second) and
 * is audited with the operating-system user and {@code --reason}.
 */
@Command(name = "bans", mixinStandardHelpOptions = true, description = "List and lift the proxies' abuse bans.")
public final class BansCommand {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Command(name = "list", description = "List bans in force, latest expiry first.")
  int list(@Option(names = "--all", description = "also bans that ended or were lifted") boolean all,
      @Option(names = "--limit", defaultValue = "1000", description = "at most this many (1..1000)") int limit) {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.bans().list(all, limit));
  }

  @Command(name = "lift", description = "Lift the ban in force on a target, on every proxy.")
  int lift(@Parameters(index = "0", paramLabel = "KIND", description = "ip, net or account") String kind,
      @Parameters(index = "1", paramLabel = "KEY", description = "an IP address, a network, or a login") String key,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.bans().lift(kind, key, config.actor(), reason));
  }
}
