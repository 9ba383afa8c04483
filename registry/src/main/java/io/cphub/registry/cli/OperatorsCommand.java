package io.cphub.registry.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operators add|list|revoke}: named operator tokens, audited with the operating-system user. */
@Command(name = "operators", mixinStandardHelpOptions = true, description = "Manage named operator tokens.")
final class OperatorsCommand {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Command(name = "add", description = "Add an operator; prints its token once.")
  int add(@Parameters(index = "0", paramLabel = "NAME") String name,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.operators().add(name, config.actor(), reason));
  }

  @Command(name = "list", description = "List operators (never their tokens).")
  int list() {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.operators().list());
  }

  @Command(name = "revoke", description = "End an operator's token at once.")
  int revoke(@Parameters(index = "0", paramLabel = "NAME") String name,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(), s -> {
      s.operators().revoke(name, config.actor(), reason);
      return Map.of("operator", name, "revoked", true);
    });
  }
}
