package io.cphub.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  Path file(String text) throws Exception {
    Path f = dir.resolve("agent.properties");
    Files.writeString(f, text);
    return f;
  }

  static final String MINIMAL = "server.name=s1.test\nregistry.url=http://127.0.0.1:1/\nregistry.token=R\nwhm.token=W\n";

  @Test
  void minimalFile_getsDefaults_andMasksSecrets() throws Exception {
    AgentConfig c = ConfigLoader.load(file(MINIMAL), Map.of());
    assertThat(c.whmUrl()).isEqualTo("http://127.0.0.1:2086");
    assertThat(c.fullInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.spoolDir()).isEqualTo(Path.of("/var/spool/cphub-agent"));
    assertThat(c.describe()).containsEntry("whm.token", "****").containsEntry("registry.token", "****");
    assertThat(c.describe().values()).doesNotContain("R", "W");
  }

  @Test
  void environment_overridesTheFile() throws Exception {
    AgentConfig c = ConfigLoader.load(file(MINIMAL + "sync.debounce-ms=10\n"),
        Map.of("CPHUB_SYNC_DEBOUNCE_MS", "99", "CPHUB_WHM_TOKEN", "fromenv", "CPHUB_UNRELATED_THING", "x"));
    assertThat(c.debounce()).isEqualTo(Duration.ofMillis(99));
    assertThat(c.whmToken()).isEqualTo("fromenv");
  }

  @Test
  void unknownKey_isRejectedByName() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "sync.debounce=5\n"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown config key 'sync.debounce'");
  }

  @Test
  void missingRequired_badNumbers_andBadUrls_nameTheKey() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(file("server.name=x\nregistry.url=http://127.0.0.1:1/\n"), Map.of()))
        .hasMessageContaining("'registry.token'").hasMessageContaining("CPHUB_REGISTRY_TOKEN");
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "sync.poll-ms=fast\n"), Map.of()))
        .hasMessageContaining("'sync.poll-ms' is not a whole number");
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "sync.full-interval-minutes=0\n"), Map.of()))
        .hasMessageContaining("'sync.full-interval-minutes' must be between 1");
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL.replace("http://127.0.0.1:1/", "ftp:x")), Map.of()))
        .hasMessageContaining("'registry.url' is not an http(s) URL");
  }

  @Test
  void registryClientCertificate_needsItsKeyAndTheCaFile() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "registry.ca-file=/ca.crt\nregistry.client-cert-file=/c.crt\n"),
        Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("'registry.client-key-file'");
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "registry.client-cert-file=/c.crt\nregistry.client-key-file=/c.key\n"),
        Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("needs registry.ca-file");
    AgentConfig c = ConfigLoader.load(file(MINIMAL + "registry.ca-file=/etc/cphub/ca.crt\n"), Map.of());
    assertThat(c.registryCaFile()).isEqualTo(java.nio.file.Path.of("/etc/cphub/ca.crt"));
    assertThat(c.registryClientCertFile()).isNull();
  }

  @Test
  void connectionAndPacingKeys_haveDefaults_andTheMaximumWaitFollowsAnOldDebounce() throws Exception {
    AgentConfig c = ConfigLoader.load(file(MINIMAL), Map.of());
    assertThat(c.whmKeepAlive()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.registryKeepAlive()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.debounce()).isEqualTo(Duration.ofMillis(30));
    assertThat(c.debounceMax()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.poll()).isEqualTo(Duration.ofSeconds(1));
    AgentConfig old = ConfigLoader.load(file(MINIMAL + "sync.debounce-ms=250\nsync.poll-ms=100\n"), Map.of());
    assertThat(old.debounceMax()).as("ten debounce periods, as before the key existed").isEqualTo(Duration.ofMillis(2500));
    assertThat(old.poll()).isEqualTo(Duration.ofMillis(100));
    AgentConfig set = ConfigLoader.load(file(MINIMAL + "sync.debounce-max-ms=400\nwhm.keep-alive-ms=900\n"), Map.of());
    assertThat(set.debounceMax()).isEqualTo(Duration.ofMillis(400));
    assertThat(set.whmKeepAlive()).isEqualTo(Duration.ofMillis(900));
  }

  @Test
  void maximumWaitBelowTheDebounce_orZeroKeepAlive_isRefusedByName() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "sync.debounce-ms=300\nsync.debounce-max-ms=100\n"),
        Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("'sync.debounce-max-ms'");
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "registry.keep-alive-ms=0\n"), Map.of()))
        .hasMessageContaining("'registry.keep-alive-ms' must be between 1");
  }

  @Test
  void metricsListen_defaultsToLoopback_emptyTurnsItOff_andABadValueNamesTheKey() throws Exception {
    assertThat(ConfigLoader.load(file(MINIMAL), Map.of()).metricsListen()).isEqualTo(new ListenAddress("127.0.0.1", 9471));
    assertThat(ConfigLoader.load(file(MINIMAL + "metrics.listen=\n"), Map.of()).metricsListen()).isNull();
    assertThat(ConfigLoader.load(file(MINIMAL), Map.of("CPHUB_METRICS_LISTEN", "")).metricsListen()).isNull();
    assertThat(ConfigLoader.load(file(MINIMAL + "metrics.listen=[::1]:9500\n"), Map.of()).metricsListen())
        .isEqualTo(new ListenAddress("::1", 9500));
    for (String bad : new String[] {"9471", "localhost", "127.0.0.1:70000", "127.0.0.1:x", ":9471"}) {
      assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "metrics.listen=" + bad + "\n"), Map.of()))
          .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("metrics.listen");
    }
  }

  @Test
  void tokens_fromSystemdCredentials_relativeToTheCredentialsDirectory() throws Exception {
    Path creds = Files.createDirectory(dir.resolve("credentials"));
    Files.writeString(creds.resolve("registry-token"), "cphub_t\\ok en=#1\n");
    Files.writeString(creds.resolve("whm-token"), "WHMTOKEN");
    AgentConfig c = ConfigLoader.load(file("server.name=s1.test\nregistry.url=http://127.0.0.1:1/\n"
        + "registry.token-file=registry-token\nwhm.token-file=whm-token\n"), Map.of("CREDENTIALS_DIRECTORY", creds.toString()));
    assertThat(c.registryToken()).isEqualTo("cphub_t\\ok en=#1");
    assertThat(c.whmToken()).isEqualTo("WHMTOKEN");
    assertThat(c.describe()).containsEntry("registry.token", "****");
    assertThatThrownBy(() -> ConfigLoader.load(file(MINIMAL + "whm.token-file=whm-token\n"),
        Map.of("CREDENTIALS_DIRECTORY", creds.toString()))).hasMessageContaining("whm.token-file").hasMessageContaining("set one");
  }
}
