package io.cphub.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.AgentException;
import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.push.RegistryTls;
import io.cphub.agent.push.RegistryUnavailableException;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.Snapshot;
import io.cphub.registry.Registry;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.testkit.PostgresExtension;
import io.cphub.testkit.TestPki;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The agent's registry client against the real registry speaking TLS with a private CA. */
class RegistryTlsClientTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();
  static final TestPki CA = new TestPki("hoster private CA");
  static final Snapshot SNAPSHOT = new Snapshot(List.of(new AccountEntry("alice", "alice.example", "root", false,
      List.of(new DomainEntry("alice.example", DomainKind.MAIN)))), new AgentState("0.2.0", null, 0, null));

  @TempDir
  Path dir;

  private Registry registry(Path clientCa) throws InterruptedException {
    CA.server("registry.hoster.test").write(dir.resolve("reg.crt"), dir.resolve("reg.key"));
    Map<String, String> v = new HashMap<>();
    v.put("db.url", PG.db().url());
    v.put("db.user", PG.db().user());
    v.put("db.password", PG.db().password());
    v.put("db.pool-size", "2");
    v.put("http.port", "0");
    v.put("http.worker-threads", "2");
    v.put("admin.token", RegistryHarness.ADMIN);
    v.put("tls.cert-file", dir.resolve("reg.crt").toString());
    v.put("tls.key-file", dir.resolve("reg.key").toString());
    v.put("tls.client-ca-file", clientCa == null ? null : clientCa.toString());
    return Registry.start(ConfigLoader.of(v), Clock.systemUTC());
  }

  private static String enrol(Registry r, String name) {
    return r.services().servers().enrol(new EnrolRequest(name, "10.0.0.1", null, null, null), Actor.admin(), "test").token();
  }

  private static RegistryClient client(Registry r, String host, String server, String token, RegistryTls tls) {
    return new RegistryClient(HttpUrl.get("https://" + host + ":" + r.port() + "/"), server, token,
        Duration.ofSeconds(5), tls);
  }

  @Test
  void registryCaFile_trustsThePrivateCa_andTheSnapshotGoesThrough() throws Exception {
    try (Registry r = registry(null)) {
      String token = enrol(r, "tls1.hoster.test");
      RegistryTls tls = RegistryTls.load(CA.writeCertificate(dir.resolve("ca.crt")), null, null);
      ChangeSummary s = client(r, "127.0.0.1", "tls1.hoster.test", token, tls).putSnapshot(SNAPSHOT);
      assertThat(s.claimsAdded()).isEqualTo(1);
      assertThat(client(r, "localhost", "tls1.hoster.test", token, tls).putSnapshot(SNAPSHOT).claimsAdded()).isZero();
    }
  }

  @Test
  void untrustedCertificate_failsWithAClearError_withoutOrWithTheWrongCaFile() throws Exception {
    try (Registry r = registry(null)) {
      String token = enrol(r, "tls2.hoster.test");
      RegistryTls wrong = RegistryTls.load(new TestPki("another CA").writeCertificate(dir.resolve("wrong.crt")), null, null);
      for (RegistryTls tls : new RegistryTls[] {null, wrong}) {
        assertThatThrownBy(() -> client(r, "127.0.0.1", "tls2.hoster.test", token, tls).putSnapshot(SNAPSHOT))
            .isInstanceOf(RegistryUnavailableException.class)
            .hasMessageContaining("registry certificate at 127.0.0.1:" + r.port() + " is not trusted")
            .hasMessageContaining("registry.ca-file");
      }
      assertThat(r.services().servers().list()).filteredOn(v -> v.name().equals("tls2.hoster.test"))
          .singleElement().satisfies(v -> assertThat(v.lastSync()).isNull());
    }
  }

  @Test
  void registryRequiringClientCertificates_acceptsTheAgentsCertificate_only() throws Exception {
    TestPki agents = new TestPki("hoster agents CA");
    try (Registry r = registry(agents.writeCertificate(dir.resolve("agents.crt")))) {
      String token = enrol(r, "tls3.hoster.test");
      Path ca = CA.writeCertificate(dir.resolve("ca.crt"));
      agents.client("tls3.hoster.test").write(dir.resolve("agent.crt"), dir.resolve("agent.key"));
      RegistryTls withCert = RegistryTls.load(ca, dir.resolve("agent.crt"), dir.resolve("agent.key"));
      assertThat(client(r, "127.0.0.1", "tls3.hoster.test", token, withCert).putSnapshot(SNAPSHOT).claimsAdded())
          .isEqualTo(1);
      RegistryTls noCert = RegistryTls.load(ca, null, null);
      assertThatThrownBy(() -> client(r, "127.0.0.1", "tls3.hoster.test", token, noCert).putSnapshot(SNAPSHOT))
          .isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("127.0.0.1:" + r.port());
    }
  }

  @Test
  void unusableFiles_areRefusedNamingTheKey() throws Exception {
    assertThatThrownBy(() -> RegistryTls.load(dir.resolve("missing.crt"), null, null))
        .isInstanceOf(AgentException.class).hasMessageContaining("registry.ca-file");
    Path ca = CA.writeCertificate(dir.resolve("ca.crt"));
    CA.client("x").write(dir.resolve("c.crt"), dir.resolve("c.key"));
    java.nio.file.Files.writeString(dir.resolve("c.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> RegistryTls.load(ca, dir.resolve("c.crt"), dir.resolve("c.key")))
        .isInstanceOf(AgentException.class).hasMessageContaining("registry.client-key-file")
        .hasMessageContaining("pkcs8");
  }
}
