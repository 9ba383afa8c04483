package io.cphub.registry.cli;

import io.cphub.model.wire.PinRequest;
import io.cphub.registry.NotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code route}, {@code conflicts}, {@code pins}, {@code pin}, {@code unpin}. */
final class RouteCommands {
  private RouteCommands() {}

  /** {@code route LOGIN}: where a login or domain routes. */
  @Command(name = "route", mixinStandardHelpOptions = true, description = "Show the route of a login or domain.")
  static final class Route implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(paramLabel = "LOGIN-OR-DOMAIN")
    String login;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return Operator.run(config, spec.commandLine().getOut(), s -> s.routes().lookup(login)
          .orElseThrow(() -> new NotFoundException("no_route", "no route for " + io.cphub.model.Printable.of(login))));
    }
  }

  /** {@code conflicts [--accounts]}: domains (or usernames) held by more than one server. */
  @Command(name = "conflicts", mixinStandardHelpOptions = true,
      description = "List domains claimed by several servers (with --accounts: usernames with an account on several).")
  static final class Conflicts implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Option(names = "--accounts", description = "list usernames instead: a bare-username login reaches only the winner")
    boolean accounts;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return Operator.run(config, spec.commandLine().getOut(),
          s -> accounts ? s.routes().accountConflicts() : s.routes().conflicts());
    }
  }

  /** {@code pins}: every pin, and whether it still decides anything. */
  @Command(name = "pins", mixinStandardHelpOptions = true,
      description = "List domain and account pins; active=false means the pinned server no longer holds the name.")
  static final class Pins implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return Operator.run(config, spec.commandLine().getOut(), s -> s.routes().pins());
    }
  }

  /** {@code pin [--account] NAME --server S --reason R}. */
  @Command(name = "pin", mixinStandardHelpOptions = true,
      description = "Pin a domain (or, with --account, a cPanel username) to one of the servers that hold it.")
  static final class Pin implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(paramLabel = "NAME", description = "the domain, or the username with --account")
    String name;
    @Option(names = "--account", description = "NAME is a cPanel username: pin its bare-username logins")
    boolean account;
    @Option(names = "--server", required = true)
    String server;
    @Option(names = "--reason", required = true)
    String reason;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PinRequest req = new PinRequest(server, reason);
      return Operator.run(config, spec.commandLine().getOut(),
          s -> account ? s.routes().pinAccount(name, req, config.actor()) : s.routes().pin(name, req, config.actor()));
    }
  }

  /** {@code unpin [--account] NAME}. */
  @Command(name = "unpin", mixinStandardHelpOptions = true, description = "Remove a domain's (or username's) pin.")
  static final class Unpin implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(paramLabel = "NAME", description = "the domain, or the username with --account")
    String name;
    @Option(names = "--account", description = "NAME is a cPanel username")
    boolean account;
    @Option(names = "--reason", description = "why, for the audit log")
    String reason;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return Operator.run(config, spec.commandLine().getOut(), s -> account
          ? s.routes().unpinAccount(name, config.actor(), reason) : s.routes().unpin(name, config.actor(), reason));
    }
  }
}
