package io.cphub.registry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private Path file(String text) throws Exception {
    Path p = dir.resolve("registry.properties");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void fileDefaultsAndEnvironment_combine() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db:5432/cphub\nadmin.token=0123456789abcdef0123\nhttp.port=9000\n");
    RegistryConfig c = ConfigLoader.load(f, Map.of("CPHUB_HTTP_PORT", "9100", "CPHUB_GUARD_MAX_REMOVAL_SHARE", "0.5",
        "CPHUB_DB_PASSWORD", "s3cret"));
    assertThat(c.httpPort()).isEqualTo(9100);
    assertThat(c.guardMaxRemovalShare()).isEqualTo(0.5);
    assertThat(c.dbUser()).isEqualTo("cphub_registry");
    assertThat(c.httpMaxBodyBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("0123456789abcdef0123").contains("admin.token=****");
  }

  @Test
  void unknownKey_isRejectedByName() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db/cphub\nadmin.token=0123456789abcdef0123\nhttp.prot=9000\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'http.prot'").hasMessageContaining("unknown config key");
  }

  @Test
  void badValues_nameTheirKey() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db/cphub\nadmin.token=short\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("'admin.token'");
    Path g = file("db.url=jdbc:postgresql://db/cphub\nadmin.token=0123456789abcdef0123\nhttp.port=eighty\n");
    assertThatThrownBy(() -> ConfigLoader.load(g, Map.of())).hasMessageContaining("'http.port'");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CPHUB_ADMIN_TOKEN", "0123456789abcdef0123")))
        .hasMessageContaining("'db.url'");
    Path h = file("db.url=jdbc:postgresql://db/cphub?password=pw\nadmin.token=0123456789abcdef0123\n"
        + "guard.max-removal-share=1.5\n");
    assertThatThrownBy(() -> ConfigLoader.load(h, Map.of())).hasMessageContaining("'guard.max-removal-share'");
  }

  @Test
  void passwordInUrl_isMasked() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db/cphub?user=x&password=pw123\nadmin.token=0123456789abcdef0123\n");
    assertThat(ConfigLoader.load(f, Map.of()).toString()).doesNotContain("pw123").contains("password=****");
  }

  @Test
  void of_takesPropertyNames_overTheDefaults_andRefusesUnknownKeys() {
    Map<String, String> v = new java.util.HashMap<>();
    v.put("db.url", "jdbc:postgresql://db/cphub");
    v.put("admin.token", "0123456789abcdef0123");
    v.put("http.port", "0");
    v.put("db.password", null);
    RegistryConfig c = ConfigLoader.of(v);
    assertThat(c.httpPort()).isZero();
    assertThat(c.dbUser()).isEqualTo("cphub_registry");
    assertThat(c.feedRetention()).isEqualTo(java.time.Duration.ofHours(168));
    assertThatThrownBy(() -> ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://db/cphub", "admin.token",
        "0123456789abcdef0123", "http.prot", "1"))).isInstanceOf(ConfigException.class).hasMessageContaining("'http.prot'");
    assertThatThrownBy(() -> ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://db/cphub", "admin.token", "short")))
        .hasMessageContaining("'admin.token'");
  }

  @Test
  void bodyLimitsAndRotationGrace_haveDefaults_andBadValuesNameTheirKey() {
    RegistryConfig c = ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://db/cphub", "admin.token", "0123456789abcdef0123"));
    assertThat(c.httpMaxAccountBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(c.tokensRotationGrace()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://db/cphub", "admin.token", "0123456789abcdef0123",
        "http.max-body-bytes", "65536")).httpMaxAccountBodyBytes())
        .as("unset, the account limit follows a lowered snapshot limit").isEqualTo(65536);
    assertThatThrownBy(() -> ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://db/cphub", "admin.token",
        "0123456789abcdef0123", "http.max-body-bytes", "65536", "http.max-account-body-bytes", "70000")))
        .hasMessageContaining("'http.max-account-body-bytes'");
    assertThatThrownBy(() -> ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://db/cphub", "admin.token",
        "0123456789abcdef0123", "tokens.rotation-grace", "800h"))).hasMessageContaining("'tokens.rotation-grace'");
    assertThatThrownBy(() -> ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://db/cphub", "admin.token",
        "0123456789abcdef0123", "tokens.rotation-grace", "soon"))).hasMessageContaining("'tokens.rotation-grace'");
  }
}
