package io.cphub.registry.config;

import io.cphub.model.config.Settings;
import io.cphub.model.config.SettingsException;
import io.cphub.registry.tls.TlsFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the registry's properties file with {@code CPHUB_<KEY>} environment overrides through
 * {@link Settings} and validates the result into a {@link RegistryConfig}. Stateless.
 */
public final class ConfigLoader {
  private static final int DEFAULT_ACCOUNT_BODY = 1024 * 1024;
  static final Map<String, String> DEFAULTS = defaults();
  static final Set<String> SECRETS = Set.of("db.password", "admin.token");

  private ConfigLoader() {}

  /** Loads {@code file} (may be null: environment and defaults only) with {@code env} overrides. */
  public static RegistryConfig load(Path file, Map<String, String> env) {
    try {
      Settings s = Settings.load(file, env, DEFAULTS, SECRETS);
      return new RegistryConfig(
          s.optionalString("db.url"), s.optionalString("db.user"), s.optionalString("db.password"),
          s.integer("db.pool-size"), s.optionalString("http.host"), s.integer("http.port"),
          s.integer("http.max-body-bytes"), s.integer("http.worker-threads"),
          s.optionalString("admin.token"), s.decimal("guard.max-removal-share"), s.duration("feed.retention"),
          accountBodyLimit(s), s.duration("tokens.rotation-grace"),
          tls(s));
    } catch (SettingsException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** {@code http.max-account-body-bytes}; unset: 1 MiB, or {@code http.max-body-bytes} when that is lower. */
  private static int accountBodyLimit(Settings s) {
    return s.optionalString("http.max-account-body-bytes") == null
        ? Math.min(DEFAULT_ACCOUNT_BODY, s.integer("http.max-body-bytes")) : s.integer("http.max-account-body-bytes");
  }

  /**
   * The configuration from {@code values} keyed by property name ({@code db.url}, ...) over the
   * defaults, with no file and no environment: for programs that embed the registry. A null value
   * means the default.
   */
  public static RegistryConfig of(Map<String, String> values) {
    Map<String, String> env = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (!DEFAULTS.containsKey(k)) {
        throw new ConfigException(k, "unknown key");
      }
      if (v != null) {
        env.put(Settings.envName(k), v);
      }
    });
    return load(null, env);
  }

  private static TlsFiles tls(Settings s) {
    String cert = s.optionalString("tls.cert-file");
    String key = s.optionalString("tls.key-file");
    String ca = s.optionalString("tls.client-ca-file");
    if (cert == null && key == null && ca == null) {
      return null;
    }
    if (cert == null || key == null) {
      throw new ConfigException(cert == null ? "tls.cert-file" : "tls.key-file",
          "must be set together with " + (cert == null ? "tls.key-file" : "tls.cert-file")
              + (ca != null && cert == null && key == null ? " (tls.client-ca-file needs both)" : ""));
    }
    return new TlsFiles(Path.of(cert), Path.of(key), ca == null ? null : Path.of(ca));
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
    d.put("feed.retention", "168h");
    d.put("http.max-account-body-bytes", null);
    d.put("tokens.rotation-grace", "24h");
    d.put("tls.cert-file", null);
    d.put("tls.key-file", null);
    d.put("tls.client-ca-file", null);
    return d;
  }
}
