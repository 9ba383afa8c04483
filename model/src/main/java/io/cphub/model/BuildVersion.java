package io.cphub.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The cphub release this code belongs to, as Maven wrote it into {@code version.properties} at
 * build time (the same for every module of one build). Read once; immutable, safe to share.
 */
public final class BuildVersion {
  private static final String VERSION = read();

  private BuildVersion() {}

  /** The release, e.g. {@code 0.2.0}. */
  public static String current() {
    return VERSION;
  }

  /** What {@code --version} prints for a program: {@code cphub-registry 0.2.0}. */
  public static String line(String program) {
    return program + " " + VERSION;
  }

  private static String read() {
    try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("io/cphub/model/version.properties missing from the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "");
      if (v.isBlank() || v.contains("${")) {
        throw new IllegalStateException("io/cphub/model/version.properties was not filtered by the build: " + v);
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("reading io/cphub/model/version.properties", e);
    }
  }
}
