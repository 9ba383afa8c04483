package io.cphub.registry.cli;

import io.cphub.registry.audit.Actor;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.registry.config.RegistryConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command shares; environment overrides apply on top. */
public final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "properties file (default: environment variables only)")
  Path file;

  RegistryConfig load() {
    return ConfigLoader.load(file, System.getenv());
  }

  /** Who runs this command, for the audit log: the operating-system user. */
  Actor actor() {
    return Actor.osUser(System.getProperty("user.name"));
  }
}
