package io.cphub.registry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit [--since T] [--limit N]}: the audit log, newest first. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Show operator actions, newest first.")
final class AuditCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;
  @Option(names = "--since", description = "ISO-8601 instant, e.g. 2026-01-01T00:00:00Z")
  String since;
  @Option(names = "--limit", description = "at most this many entries (1..1000, default 100)")
  String limit;
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    return Operator.run(config, spec.commandLine().getOut(), s -> s.audit().list(since, limit));
  }
}
