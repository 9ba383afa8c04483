package io.cphub.registry.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the registry's properties file, applies environment overrides ({@code CPHUB_<KEY>}, dots
 * and dashes as underscores, upper-case) and validates the result. An unknown key in the file is
 * rejected by name. Stateless.
 */
public final class ConfigLoader {
  static final Map<String, String> DEFAULTS = defaults();

  private ConfigLoader() {}

  /** Loads {@code file} (may be null: environment and defaults only) with {@code env} overrides. */
  public static RegistryConfig load(Path file, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    if (file != null) {
      values.putAll(readFile(file));
    }
    for (String key : DEFAULTS.keySet()) {
      String override = env.get(envName(key));
      if (override != null) {
        values.put(key, override);
      }
    }
    return new RegistryConfig(
        values.get("db.url"), values.get("db.user"), emptyToNull(values.get("db.password")),
        integer(values, "db.pool-size"),
        values.get("http.host"), integer(values, "http.port"), integer(values, "http.max-body-bytes"),
        integer(values, "http.worker-threads"),
        values.get("admin.token"), decimal(values, "guard.max-removal-share"));
  }

  /** The environment variable that overrides {@code key}. */
  public static String envName(String key) {
    return "CPHUB_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** Every key the registry knows, sorted. */
  public static Set<String> keys() {
    return new TreeSet<>(DEFAULTS.keySet());
  }

  private static Map<String, String> readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (!DEFAULTS.containsKey(key)) {
        throw new ConfigException(key, "unknown key in " + file + " (known: " + String.join(", ", keys()) + ")");
      }
      out.put(key, p.getProperty(key).strip());
    }
    return out;
  }

  private static int integer(Map<String, String> values, String key) {
    String v = values.get(key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "not an integer: '" + v + "'");
    }
  }

  private static double decimal(Map<String, String> values, String key) {
    String v = values.get(key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "not a number: '" + v + "'");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("db.url", null);
    d.put("db.user", "cphub_registry");
    d.put("db.password", "");
    d.put("db.pool-size", "8");
    d.put("http.host", "127.0.0.1");
    d.put("http.port", "8440");
    d.put("http.max-body-bytes", String.valueOf(16 * 1024 * 1024));
    d.put("http.worker-threads", "8");
    d.put("admin.token", null);
    d.put("guard.max-removal-share", "0.2");
    return d;
  }
}
