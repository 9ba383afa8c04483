package io.cphub.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrate}: brings a database to the newest schema and prints the version. The password
 * comes from a file or the {@code CPHUB_DB_PASSWORD} environment variable, never the command line.
 */
@Command(name = "cphub-db", mixinStandardHelpOptions = true, versionProvider = DbVersion.class,
    description = "Apply the cphub schema migrations to a PostgreSQL database and print the schema version.")
public final class MigrateCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, description = "JDBC URL, e.g. jdbc:postgresql://db:5432/cphub")
  String url;

  @Option(names = "--user", defaultValue = "postgres", description = "database user (default: ${DEFAULT-VALUE})")
  String user;

  @Option(names = "--password-file", description = "file holding the password (else env CPHUB_DB_PASSWORD)")
  Path passwordFile;

  @Option(names = "--check", description = "only print the current and the newest version; exit 3 if behind")
  boolean check;

  private final String envPassword;

  public MigrateCommand(String envPassword) {
    this.envPassword = envPassword;
  }

  @Override
  public Integer call() throws Exception {
    String password = passwordFile != null
        ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
        : envPassword;
    if (check) {
      String current = Migrations.currentVersion(url, user, password);
      String latest = Migrations.latestVersion(url, user, password);
      System.out.println("schema version " + current + " (newest " + latest + ")");
      return latest != null && latest.equals(current) ? 0 : 3;
    }
    String version = Migrations.migrate(url, user, password);
    System.out.println("schema version " + version);
    return 0;
  }

  /** Entry point of the db jar: {@code java -jar cphub-db.jar --url ...}. */
  public static void main(String[] args) {
    int code = new CommandLine(new MigrateCommand(System.getenv("CPHUB_DB_PASSWORD"))).execute(args);
    System.exit(code);
  }
}
