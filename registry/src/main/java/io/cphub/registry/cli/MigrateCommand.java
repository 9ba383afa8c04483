package io.cphub.registry.cli;

import io.cphub.db.Migrations;
import io.cphub.registry.config.RegistryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code migrate}: applies the schema migrations to {@code db.url}. The schema owner may differ
 * from the runtime user: {@code --user} and {@code --password-file} override the config.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the schema migrations to db.url.")
public final class MigrateCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--user", description = "database user for the migration (default: db.user)")
  String user;

  @Option(names = "--password-file", description = "file holding that user's password (default: db.password)")
  Path passwordFile;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    RegistryConfig c = config.load();
    String u = user != null ? user : c.dbUser();
    String password = passwordFile != null ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
        : c.dbPassword();
    String version = Migrations.migrate(c.dbUrl(), u, password);
    spec.commandLine().getOut().println("schema version " + version);
    return 0;
  }
}
