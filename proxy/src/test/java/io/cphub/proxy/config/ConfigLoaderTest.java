package io.cphub.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  Path file(String body) throws Exception {
    Path p = dir.resolve("proxy.properties");
    Files.writeString(p, body);
    return p;
  }

  @Test
  void minimalFile_getsDefaults_andEnvironmentOverrides() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db:5432/cphub\ndb.user=proxy1\ndb.password=hunter2\n");
    ProxyConfig c = ConfigLoader.load(f, Map.of("CPHUB_VERIFY_CACHE_TTL", "90s", "CPHUB_AUTH_TRUSTED_NETWORKS",
        "10.0.0.0/8, ::1", "CPHUB_UNRELATED", "x"));
    assertThat(c.verify().cacheTtl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.verify().mode()).isEqualTo(ProxyConfig.Mode.IMAP);
    assertThat(c.auth().trustedNetworks()).containsExactly("10.0.0.0/8", "::1");
    assertThat(c.backend()).isEqualTo(new ProxyConfig.BackendPorts(143, 110, 25));
    assertThat(c.auth().listen()).isEqualTo(new HostPort("127.0.0.1", 9100));
    assertThat(c.eventLoops()).isZero();
    assertThat(ConfigLoader.describe(c)).contains("net.event-loops=0");
    assertThat(ConfigLoader.describe(c)).doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void loginLog_isOnByDefault_andSwitchesOff_andABadValueNamesTheKey() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db/cphub\ndb.user=p\n");
    assertThat(ConfigLoader.load(f, Map.of()).loginLog()).isTrue();
    ProxyConfig off = ConfigLoader.load(f, Map.of("CPHUB_LOG_LOGINS", "false"));
    assertThat(off.loginLog()).isFalse();
    assertThat(ConfigLoader.describe(off)).contains("log.logins=false");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_LOG_LOGINS", "maybe")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("log.logins");
  }

  @Test
  void unknownKey_isRejectedByName() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db/cphub\ndb.user=p\nauth.listn=127.0.0.1:1\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'auth.listn'");
  }

  @Test
  void badValues_nameTheKey() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db/cphub\ndb.user=p\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_FEED_POLL_INTERVAL", "soon")))
        .hasMessageContaining("feed.poll-interval");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_VERIFY_MODE", "ldap")))
        .hasMessageContaining("verify.mode");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_BACKEND_IMAP_PORT", "70000")))
        .hasMessageContaining("backend.imap-port");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_AUTH_LISTEN", "nohost")))
        .hasMessageContaining("auth.listen");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_AUTH_SECRET", "x")))
        .hasMessageContaining("auth.secret-header");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_NET_EVENT_LOOPS", "-1")))
        .hasMessageContaining("net.event-loops");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_NET_EVENT_LOOPS", "many")))
        .hasMessageContaining("net.event-loops");
    assertThatThrownBy(() -> ConfigLoader.load(file("db.user=p\n"), Map.of()))
        .hasMessageContaining("db.url");
  }

  @Test
  void checkLimits_haveDefaults_andBadOnesNameTheKey() throws Exception {
    Path f = file("db.url=jdbc:postgresql://db/cphub\ndb.user=p\n");
    ProxyConfig c = ConfigLoader.load(f, Map.of());
    assertThat(c.verify().threads()).isEqualTo(64);
    assertThat(c.verify().limits()).isEqualTo(new io.cphub.proxy.verify.CheckLimits(16, 32, 8, 4, 5,
        Duration.ofSeconds(30)));
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_VERIFY_SERVER_MAX_IN_FLIGHT", "64")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("verify.server.max-in-flight")
        .hasMessageContaining("verify.threads");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_VERIFY_SERVER_MAX_QUEUED", "-1")))
        .hasMessageContaining("verify.server.max-queued");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_VERIFY_CLIENT_IP_MAX_IN_FLIGHT", "lots")))
        .hasMessageContaining("verify.client-ip.max-in-flight");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_VERIFY_ACCOUNT_MAX_IN_FLIGHT", "-2")))
        .hasMessageContaining("verify.account.max-in-flight");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_VERIFY_BREAKER_FAILURES", "0")))
        .hasMessageContaining("verify.breaker.failures");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("CPHUB_VERIFY_BREAKER_COOL_DOWN", "10ms")))
        .hasMessageContaining("verify.breaker.cool-down");
    assertThat(ConfigLoader.load(f, Map.of("CPHUB_VERIFY_CLIENT_IP_MAX_IN_FLIGHT", "0")).verify().limits()
        .clientIpInFlight()).as("0 = no limit").isZero();
  }
}
