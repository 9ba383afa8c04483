package io.cphub.model.config;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One deployable's raw configuration: a properties file overlaid by {@code CPHUB_<KEY>} environment
 * variables (dots and dashes as underscores, upper-case), limited to the known keys, with typed
 * accessors. Values are stripped; an empty value counts as unset. Every error is a
 * {@link SettingsException} naming the key and the bad value, except for a secret key, whose value
 * never appears in a message or in {@link #describe()}. Every secret key {@code K} also has a key
 * {@code K-file}: a file whose content (stripped) is the secret; a relative path is resolved in
 * {@code $CREDENTIALS_DIRECTORY} (systemd {@code LoadCredential=}). Immutable and safe to share
 * between threads.
 */
public final class Settings {
  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
  private static final Pattern DURATION = Pattern.compile("([+-]?\\d+)(ms|s|m|h)", Pattern.CASE_INSENSITIVE);
  private static final String FILE_SUFFIX = "-file";
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  private final Map<String, String> values;
  private final Set<String> secrets;

  private Settings(Map<String, String> values, Set<String> secrets) {
    this.values = Collections.unmodifiableMap(values);
    this.secrets = Set.copyOf(secrets);
  }

  /**
   * Reads {@code file} (null: defaults and environment only), refuses any key not in
   * {@code defaults}, then applies the environment. A null default means "no default".
   */
  public static Settings load(Path file, Map<String, String> env, Map<String, String> declared, Set<String> secrets) {
    Map<String, String> defaults = new LinkedHashMap<>();
    declared.forEach((key, v) -> {
      defaults.put(key, v);
      if (secrets.contains(key)) {
        defaults.putIfAbsent(key + FILE_SUFFIX, declared.get(key + FILE_SUFFIX));
      }
    });
    Map<String, String> values = new LinkedHashMap<>(defaults);
    if (file != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw new SettingsException("cannot read config file " + file + ": " + e.getMessage(), e);
      }
      for (String key : new TreeSet<>(p.stringPropertyNames())) {
        if (!defaults.containsKey(key)) {
          throw new SettingsException("unknown config key '" + key + "' in " + file
              + " (known: " + String.join(", ", new TreeSet<>(defaults.keySet())) + ")");
        }
        values.put(key, p.getProperty(key).strip());
      }
    }
    for (String key : defaults.keySet()) {
      String v = env.get(envName(key));
      if (v != null) {
        values.put(key, v.strip());
      }
    }
    for (String secret : secrets) {
      readSecretFile(values, secret, env.get("CREDENTIALS_DIRECTORY"));
    }
    return new Settings(values, secrets);
  }

  /** Replaces an unset {@code secret} by the content of the file {@code secret-file} names, if any. */
  private static void readSecretFile(Map<String, String> values, String secret, String credentialsDir) {
    String fileKey = secret + FILE_SUFFIX;
    String name = values.get(fileKey);
    if (name == null || name.isEmpty()) {
      return;
    }
    String inline = values.get(secret);
    if (inline != null && !inline.isEmpty()) {
      throw SettingsException.forKey(fileKey, "is set together with " + secret + "; set one");
    }
    Path path = Path.of(name);
    if (!path.isAbsolute()) {
      if (credentialsDir == null || credentialsDir.isBlank()) {
        throw SettingsException.forKey(fileKey, "is a relative path ('" + name
            + "') but CREDENTIALS_DIRECTORY is not set (systemd LoadCredential=); give an absolute path");
      }
      path = Path.of(credentialsDir).resolve(path);
    }
    try {
      values.put(secret, Files.readString(path, StandardCharsets.UTF_8).strip());
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new SettingsException("config key '" + fileKey + "': cannot read " + path + ": " + e, e);
    }
  }

  /** {@code db.password-file} → {@code CPHUB_DB_PASSWORD_FILE}. */
  public static String envName(String key) {
    return "CPHUB_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The value, or null when unset or empty. */
  public String optionalString(String key) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("not a declared config key: " + key);
    }
    String v = values.get(key);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The value; unset or empty is an error. */
  public String string(String key) {
    String v = optionalString(key);
    if (v == null) {
      throw SettingsException.forKey(key, "is required (or env " + envName(key) + ")");
    }
    return v;
  }

  /** A whole number of any {@code int} size. */
  public int integer(String key) {
    return integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A whole number within {@code min..max}, both inclusive. */
  public int integer(String key, int min, int max) {
    return (int) longValue(key, min, max);
  }

  /** A whole number within {@code min..max}, both inclusive. */
  public long longValue(String key, long min, long max) {
    String v = string(key);
    if (!WHOLE.matcher(v).matches()) {
      throw SettingsException.forKey(key, "is not a whole number: " + shown(key, v));
    }
    return within(key, v, new BigInteger(v), min, max, "must be between ");
  }

  /** A finite decimal number. */
  public double decimal(String key) {
    String v = string(key);
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) { // reported below
    }
    throw SettingsException.forKey(key, "is not a number: " + shown(key, v));
  }

  /** A positive duration: a whole number with unit {@code ms}, {@code s}, {@code m} or {@code h}. */
  public Duration duration(String key) {
    String v = string(key);
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      throw SettingsException.forKey(key, "is not a duration like 250ms, 2s, 10m or 1h: " + shown(key, v));
    }
    Duration d;
    try {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw SettingsException.forKey(key, "is too long a duration: " + shown(key, v));
    }
    if (d.isNegative() || d.isZero()) {
      throw SettingsException.forKey(key, "must be a positive duration, was " + shown(key, v));
    }
    return d;
  }

  /** {@code true} or {@code false}, in any case. */
  public boolean bool(String key) {
    String v = string(key);
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw SettingsException.forKey(key, "must be true or false, was " + shown(key, v));
    }
    return v.equalsIgnoreCase("true");
  }

  /** Comma-separated items, each stripped, empty items dropped; unset is the empty list. */
  public List<String> list(String key) {
    String v = optionalString(key);
    return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** {@code host:port} or {@code [v6]:port} with port 0..65535, handed to {@code make}. */
  public <T> T hostPort(String key, BiFunction<String, Integer, T> make) {
    String v = string(key);
    int colon = v.lastIndexOf(':');
    String host = colon <= 0 ? "" : v.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String port = v.substring(colon + 1);
    if (host.isBlank() || !WHOLE.matcher(port).matches()) {
      throw SettingsException.forKey(key, "is not host:port: " + shown(key, v));
    }
    return make.apply(host, (int) within(key, v, new BigInteger(port), 0, 65535, "port must be between "));
  }

  /** Every key with its effective value, in declaration order; secrets and URL passwords masked. */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((key, v) -> {
      boolean unset = v == null || v.isEmpty();
      out.put(key, unset ? "(unset)" : secrets.contains(key) ? "****" : URL_PASSWORD.matcher(v).replaceAll("$1****"));
    });
    return Collections.unmodifiableMap(out);
  }

  private long within(String key, String v, BigInteger n, long min, long max, String problem) {
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw SettingsException.forKey(key, problem + min + " and " + max + ", was " + shown(key, v));
    }
    return n.longValueExact();
  }

  private String shown(String key, String value) {
    return secrets.contains(key) ? "(secret value not shown)" : "'" + value + "'";
  }
}
