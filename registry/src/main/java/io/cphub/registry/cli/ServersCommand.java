package io.cphub.registry.cli;

import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.ServerPatch;
import io.cphub.registry.servers.ServerService;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code servers add|list|set-state|set-address|rotate-token|revoke-token}: enrol and manage
 * cPanel servers. Every change is audited with the operating-system user and {@code --reason}.
 */
@Command(name = "servers", mixinStandardHelpOptions = true, description = "Enrol and manage cPanel servers.")
public final class ServersCommand {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Command(name = "add", description = "Enrol a server; prints its token once.")
  int add(@Option(names = "--name", required = true) String name,
      @Option(names = "--address", required = true, description = "IP literal of the backend") String address,
      @Option(names = "--imap-port") Integer imap, @Option(names = "--pop3-port") Integer pop3,
      @Option(names = "--smtp-port") Integer smtp,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(),
        s -> s.servers().enrol(new EnrolRequest(name, address, imap, pop3, smtp), config.actor(), reason));
  }

  @Command(name = "list", description = "List servers with state, address and sync age.")
  int list() {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.servers().list());
  }

  @Command(name = "set-state", description = "Set a server's state: active, draining or retired.")
  int setState(@Parameters(index = "0", paramLabel = "SERVER") String server,
      @Parameters(index = "1", paramLabel = "STATE") String state,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.servers().patch(ServerService.serverName(server),
        new ServerPatch(state, null, null, null, null), config.actor(), reason));
  }

  @Command(name = "set-address", description = "Set a server's backend address (IP literal).")
  int setAddress(@Parameters(index = "0", paramLabel = "SERVER") String server,
      @Parameters(index = "1", paramLabel = "ADDRESS") String address,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.servers().patch(ServerService.serverName(server),
        new ServerPatch(null, address, null, null, null), config.actor(), reason));
  }

  @Command(name = "rotate-token", description = "Issue a new token (printed once); the old one works for "
      + "tokens.rotation-grace.")
  int rotateToken(@Parameters(index = "0", paramLabel = "SERVER") String server,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.tokens().rotate(server, config.actor(), reason));
  }

  @Command(name = "revoke-token", description = "End every token of the server at once (rotate-token issues a new one).")
  int revokeToken(@Parameters(index = "0", paramLabel = "SERVER") String server,
      @Option(names = "--reason", description = "why, for the audit log") String reason) {
    return Operator.run(config, spec.commandLine().getOut(), s -> {
      s.tokens().revoke(server, config.actor(), reason);
      return Map.of("server", ServerService.serverName(server), "revoked", true);
    });
  }
}
