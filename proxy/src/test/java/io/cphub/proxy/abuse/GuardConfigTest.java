package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.proxy.config.ConfigException;
import io.cphub.proxy.config.ConfigLoader;
import io.cphub.proxy.config.ProxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The abuse.* keys through the proxy's config loader: defaults, overrides, and errors that name the key. */
class GuardConfigTest {
  @TempDir
  Path dir;

  private static Map<String, String> base() {
    Map<String, String> env = new HashMap<>();
    env.put("CPHUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/registry");
    env.put("CPHUB_DB_USER", "proxy1");
    return env;
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    GuardConfig g = ConfigLoader.load(null, base()).abuse();
    assertThat(g.enabled()).isTrue();
    assertThat(g.window()).isEqualTo(Duration.ofMinutes(15));
    assertThat(List.of(g.ipWaitAfter(), g.ipBanAfter(), g.netBanAfter(), g.accountWaitAfter(), g.accountProtectAfter()))
        .containsExactly(3, 20, 60, 5, 10);
    assertThat(g.accountWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(g.banDuration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(g.banMaxDuration()).isEqualTo(Duration.ofHours(24));
    assertThat(g.waitMaxAttempts()).as("from auth.wait-max-attempts").isEqualTo(10);
    assertThat(g.node()).isNotBlank();
    assertThat(g.allowNetworks()).isEmpty();
    assertThat(g.netEscalateAfter()).isEqualTo(3);
    assertThat(g.knownGoodQueue()).isEqualTo(10_000);
  }

  @Test
  void fileAndEnvironment_setTheKeys() throws Exception {
    Path f = Files.writeString(dir.resolve("p.properties"), "db.url=jdbc:postgresql://db/registry\ndb.user=p\n"
        + "abuse.ip.ban-after=40\nabuse.allow-networks=10.0.0.0/8, 2001:db8::/32\nabuse.node=mx1\n"
        + "abuse.ban.duration=5m\n");
    Map<String, String> env = Map.of("CPHUB_ABUSE_ENABLED", "false", "CPHUB_ABUSE_NET_BAN_AFTER", "100",
        "CPHUB_AUTH_WAIT_MAX_ATTEMPTS", "6");
    ProxyConfig c = ConfigLoader.load(f, env);
    GuardConfig g = c.abuse();
    assertThat(g.enabled()).isFalse();
    assertThat(g.ipBanAfter()).isEqualTo(40);
    assertThat(g.netBanAfter()).isEqualTo(100);
    assertThat(g.allowNetworks()).containsExactly("10.0.0.0/8", "2001:db8::/32");
    assertThat(g.node()).isEqualTo("mx1");
    assertThat(g.banDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(g.waitMaxAttempts()).isEqualTo(6);
    assertThat(ConfigLoader.describe(c)).contains("ipBanAfter=40").contains("node=mx1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CPHUB_ABUSE_ENABLED|yes|abuse.enabled",
      "CPHUB_ABUSE_IP_BAN_AFTER|0|abuse.ip.ban-after",
      "CPHUB_ABUSE_IP_BAN_AFTER|many|abuse.ip.ban-after",
      "CPHUB_ABUSE_NET_BAN_AFTER|5|abuse.net.ban-after",
      "CPHUB_ABUSE_WINDOW|soon|abuse.window",
      "CPHUB_ABUSE_WAIT_MAX|1|abuse.wait-max",
      "CPHUB_ABUSE_ACCOUNT_WAIT_AFTER|50|abuse.account.wait-after",
      "CPHUB_ABUSE_BAN_MAX_DURATION|1m|abuse.ban.max-duration",
      "CPHUB_ABUSE_ALLOW_NETWORKS|10.0.0.0/8,intranet|abuse.allow-networks",
      "CPHUB_ABUSE_MAX_TRACKED|0|abuse.max-tracked",
      "CPHUB_ABUSE_NET_ESCALATE_AFTER|0|abuse.net.escalate-after",
      "CPHUB_ABUSE_NET_ESCALATE_AFTER|few|abuse.net.escalate-after",
      "CPHUB_ABUSE_KNOWN_GOOD_QUEUE|0|abuse.known-good.queue"})
  void badValues_areRejectedNamingTheKey(String env, String value, String key) {
    Map<String, String> e = base();
    e.put(env, value);
    assertThatThrownBy(() -> ConfigLoader.load(null, e)).isInstanceOf(ConfigException.class).hasMessageContaining(key);
  }

  @Test
  void anUnknownAbuseKey_isRejectedNamingIt() throws Exception {
    Path f = Files.writeString(dir.resolve("p.properties"), "db.url=jdbc:postgresql://db/r\ndb.user=p\nabuse.ban-after=5\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'abuse.ban-after'");
  }
}
