package io.cphub.registry.cli;

import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.ServerPatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code servers add|list|set-state|set-address}: enrol and manage cPanel servers. */
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
      @Option(names = "--smtp-port") Integer smtp) {
    return Operator.run(config, spec.commandLine().getOut(),
        s -> s.servers().enrol(new EnrolRequest(name, address, imap, pop3, smtp)));
  }

  @Command(name = "list", description = "List servers with state, address and sync age.")
  int list() {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.servers().list());
  }

  @Command(name = "set-state", description = "Set a server's state: active, draining or retired.")
  int setState(@Parameters(index = "0", paramLabel = "SERVER") String server,
      @Parameters(index = "1", paramLabel = "STATE") String state) {
    return Operator.run(config, spec.commandLine().getOut(),
        s -> s.servers().patch(io.cphub.registry.servers.ServerService.serverName(server),
            new ServerPatch(state, null, null, null, null)));
  }

  @Command(name = "set-address", description = "Set a server's backend address (IP literal).")
  int setAddress(@Parameters(index = "0", paramLabel = "SERVER") String server,
      @Parameters(index = "1", paramLabel = "ADDRESS") String address) {
    return Operator.run(config, spec.commandLine().getOut(),
        s -> s.servers().patch(io.cphub.registry.servers.ServerService.serverName(server),
            new ServerPatch(null, address, null, null, null)));
  }
}
