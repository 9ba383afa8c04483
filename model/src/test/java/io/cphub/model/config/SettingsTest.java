package io.cphub.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {
  static final String SECRET = "hunter2-very-secret";

  @TempDir
  Path dir;

  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("db.url", null);
    d.put("db.password", null);
    d.put("pool-size", "8");
    d.put("timeout", "5s");
    d.put("share", "0.2");
    d.put("enabled", "true");
    d.put("listen", "127.0.0.1:9100");
    d.put("networks", "");
    return d;
  }

  static Settings env(String key, String value) {
    return Settings.load(null, Map.of(Settings.envName(key), value), defaults(), Set.of("db.password"));
  }

  static Object read(Settings s, String type, String key) {
    Map<String, Function<Settings, Object>> readers = Map.of(
        "string", x -> x.string(key),
        "integer", x -> x.integer(key, 1, 200),
        "long", x -> x.longValue(key, 0, Long.MAX_VALUE),
        "decimal", x -> x.decimal(key),
        "duration", x -> x.duration(key),
        "bool", x -> x.bool(key),
        "list", x -> x.list(key),
        "hostPort", x -> x.hostPort(key, SimpleEntry::new));
    return readers.get(type).apply(s);
  }

  @ParameterizedTest(name = "{0}={1} as {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "timeout|250ms|duration|PT0.25S",
      "timeout|2s|duration|PT2S",
      "timeout|10m|duration|PT10M",
      "timeout|1h|duration|PT1H",
      "timeout|720h|duration|PT720H",
      "timeout|'  5S  '|duration|PT5S",
      "timeout|+3s|duration|PT3S",
      "pool-size|' 42 '|integer|42",
      "pool-size|+7|integer|7",
      "pool-size|200|integer|200",
      "pool-size|9223372036854775807|long|9223372036854775807",
      "share|0.5|decimal|0.5",
      "enabled|FALSE|bool|false",
      "enabled|True|bool|true",
      "networks|'10.0.0.0/8, ,::1,'|list|[10.0.0.0/8, ::1]",
      "listen|[::1]:0|hostPort|::1=0",
      "listen|mx1.example:65535|hostPort|mx1.example=65535",
      "db.url|'  jdbc:postgresql://db/x  '|string|jdbc:postgresql://db/x"})
  void goodValues_areParsed(String key, String value, String type, String expected) {
    assertThat(String.valueOf(read(env(key, value), type, key))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}={1} as {2} refused: {3}")
  @CsvSource(delimiter = '|', value = {
      "pool-size|''|integer|is required (or env CPHUB_POOL_SIZE)",
      "pool-size|'   '|integer|is required",
      "pool-size|eight|integer|is not a whole number: 'eight'",
      "pool-size|1.5|integer|is not a whole number",
      "pool-size|0|integer|must be between 1 and 200, was '0'",
      "pool-size|99999999999999999999999|integer|must be between 1 and 200",
      "pool-size|-2147483649|integer|must be between 1 and 200",
      "pool-size|99999999999999999999999|long|must be between 0 and 9223372036854775807",
      "share|NaN|decimal|is not a number: 'NaN'",
      "share|Infinity|decimal|is not a number",
      "share|1e999|decimal|is not a number",
      "share|half|decimal|is not a number",
      "timeout|-5s|duration|must be a positive duration, was '-5s'",
      "timeout|0ms|duration|must be a positive duration",
      "timeout|5d|duration|is not a duration like 250ms, 2s, 10m or 1h: '5d'",
      "timeout|5|duration|is not a duration",
      "timeout|s|duration|is not a duration",
      "timeout|5 s|duration|is not a duration",
      "timeout|1.5h|duration|is not a duration",
      "timeout|99999999999999999999h|duration|is too long a duration",
      "timeout|9223372036854775807h|duration|is too long a duration",
      "enabled|yes|bool|must be true or false, was 'yes'",
      "listen|nohost|hostPort|is not host:port: 'nohost'",
      "listen|:80|hostPort|is not host:port",
      "listen|host:|hostPort|is not host:port",
      "listen|[]:80|hostPort|is not host:port",
      "listen|host:http|hostPort|is not host:port",
      "listen|host:70000|hostPort|port must be between 0 and 65535",
      "listen|host:-1|hostPort|port must be between 0 and 65535"})
  void badValues_areRefusedNamingTheKeyAndValue(String key, String value, String type, String problem) {
    Settings s = env(key, value);
    assertThatThrownBy(() -> read(s, type, key)).isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("config key '" + key + "' ").hasMessageContaining(problem);
  }

  @ParameterizedTest(name = "secret read as {0}")
  @CsvSource({"integer", "long", "decimal", "duration", "bool", "hostPort"})
  void aSecretValue_neverAppearsInAMessage(String type) {
    Settings s = env("db.password", SECRET);
    assertThatThrownBy(() -> read(s, type, "db.password")).isInstanceOf(SettingsException.class)
        .hasMessageContaining("'db.password'").hasMessageNotContaining(SECRET).hasMessageNotContaining("hunter2");
  }

  @Test
  void environment_overridesTheFile_andTheDefault() throws Exception {
    Path f = Files.writeString(dir.resolve("a.properties"), "pool-size=12\ntimeout=9s\n");
    Settings s = Settings.load(f, Map.of("CPHUB_POOL_SIZE", "13", "CPHUB_UNRELATED", "x", "pool-size", "99"),
        defaults(), Set.of());
    assertThat(s.integer("pool-size", 1, 200)).isEqualTo(13);
    assertThat(s.duration("timeout")).isEqualTo(Duration.ofSeconds(9));
    assertThat(s.bool("enabled")).isTrue();
    assertThat(s.optionalString("db.url")).isNull();
    assertThat(s.list("networks")).isEmpty();
  }

  @Test
  void unknownKeyInTheFile_isRefusedByName_andListsTheKnownOnes() throws Exception {
    Path f = Files.writeString(dir.resolve("a.properties"), "pool-size=12\npool.size=3\n");
    assertThatThrownBy(() -> Settings.load(f, Map.of(), defaults(), Set.of())).isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("unknown config key 'pool.size' in " + f)
        .hasMessageContaining("known: db.password, db.url, enabled, listen");
  }

  @Test
  void unreadableOrMalformedFile_isRefusedNamingTheFile() throws Exception {
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> Settings.load(missing, Map.of(), defaults(), Set.of()))
        .isInstanceOf(SettingsException.class).hasMessageContaining("cannot read config file " + missing);
    Path bad = Files.writeString(dir.resolve("bad.properties"), "db.url=\\uZZZZ\n");
    assertThatThrownBy(() -> Settings.load(bad, Map.of(), defaults(), Set.of()))
        .isInstanceOf(SettingsException.class).hasMessageContaining("cannot read config file " + bad);
  }

  @Test
  void describe_masksSecretsAndUrlPasswords_andKeepsDeclarationOrder() throws Exception {
    Path f = Files.writeString(dir.resolve("a.properties"),
        "db.url=jdbc:postgresql://db/x?user=u&password=pw123&ssl=true\ndb.password=" + SECRET + "\n");
    Map<String, String> d = Settings.load(f, Map.of(), defaults(), Set.of("db.password")).describe();
    assertThat(d.keySet()).containsExactly("db.url", "db.password", "db.password-file", "pool-size", "timeout",
        "share", "enabled", "listen", "networks");
    assertThat(d).containsEntry("db.password", "****").containsEntry("networks", "(unset)")
        .containsEntry("db.url", "jdbc:postgresql://db/x?user=u&password=****&ssl=true");
    assertThat(d.toString()).doesNotContain(SECRET).doesNotContain("pw123");
    assertThat(Settings.load(null, Map.of(), defaults(), Set.of("db.password")).describe())
        .containsEntry("db.password", "(unset)");
  }

  @Test
  void envName_usesUnderscoresAndUpperCase() {
    assertThat(List.of(Settings.envName("db.password-file"), Settings.envName("abuse.known-good.ttl")))
        .containsExactly("CPHUB_DB_PASSWORD_FILE", "CPHUB_ABUSE_KNOWN_GOOD_TTL");
  }

  @Test
  void anUndeclaredKey_isAProgrammingError() {
    assertThatThrownBy(() -> env("timeout", "1s").string("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretFile_absolutePath_isReadAndStripped_andStaysMasked() throws Exception {
    Path f = dir.resolve("db-password");
    Files.writeString(f, " #p\\ss=w:rd! with spaces\n");
    Settings s = Settings.load(null, Map.of(Settings.envName("db.password-file"), f.toString()), defaults(),
        Set.of("db.password"));
    assertThat(s.optionalString("db.password")).isEqualTo("#p\\ss=w:rd! with spaces");
    assertThat(s.describe()).containsEntry("db.password", "****").containsEntry("db.password-file", f.toString());
  }

  @Test
  void secretFile_relativePath_isResolvedInTheCredentialsDirectory() throws Exception {
    Files.writeString(dir.resolve("db-password"), SECRET + "\n");
    Path config = dir.resolve("x.properties");
    Files.writeString(config, "db.password-file=db-password\n");
    Settings s = Settings.load(config, Map.of("CREDENTIALS_DIRECTORY", dir.toString()), defaults(), Set.of("db.password"));
    assertThat(s.optionalString("db.password")).isEqualTo(SECRET);
  }

  @Test
  void secretFile_relativePath_withoutCredentialsDirectory_isRefusedNamingTheKey() throws Exception {
    Path config = dir.resolve("x.properties");
    Files.writeString(config, "db.password-file=db-password\n");
    assertThatThrownBy(() -> Settings.load(config, Map.of(), defaults(), Set.of("db.password")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("db.password-file")
        .hasMessageContaining("CREDENTIALS_DIRECTORY");
  }

  @Test
  void secretFile_missing_isRefusedNamingTheKeyAndPath_butNeverAValue() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> Settings.load(null, Map.of(Settings.envName("db.password-file"), missing.toString()),
        defaults(), Set.of("db.password")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("db.password-file").hasMessageContaining(missing.toString());
  }

  @Test
  void secretFile_togetherWithTheInlineSecret_isRefused_withoutShowingIt() throws Exception {
    Path f = dir.resolve("db-password");
    Files.writeString(f, "from-file");
    assertThatThrownBy(() -> Settings.load(null, Map.of(Settings.envName("db.password-file"), f.toString(),
        Settings.envName("db.password"), SECRET), defaults(), Set.of("db.password")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("set one").hasMessageNotContaining(SECRET);
  }

  @Test
  void secretFileKey_existsOnlyForSecrets() throws Exception {
    Path config = dir.resolve("x.properties");
    Files.writeString(config, "db.url-file=/etc/x\n");
    assertThatThrownBy(() -> Settings.load(config, Map.of(), defaults(), Set.of("db.password")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("unknown config key 'db.url-file'");
  }
}
