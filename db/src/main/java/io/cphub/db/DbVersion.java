package io.cphub.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code cphub-db --version}: the release Maven wrote into {@code io/cphub/db/version.properties}
 * at build time (this module does not depend on the model, which holds the same for the others).
 */
final class DbVersion implements CommandLine.IVersionProvider {
  static String current() {
    try (InputStream in = DbVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("io/cphub/db/version.properties missing from the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "");
      if (v.isBlank() || v.contains("${")) {
        throw new IllegalStateException("io/cphub/db/version.properties was not filtered by the build: " + v);
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("reading io/cphub/db/version.properties", e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"cphub-db " + current()};
  }
}
