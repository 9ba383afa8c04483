package io.cphub.registry;

import static io.cphub.registry.Fixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.registry.config.ConfigException;
import io.cphub.registry.tls.TlsException;
import io.cphub.testkit.PostgresExtension;
import io.cphub.testkit.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The registry speaking TLS over a real socket: trust, renewal on disk without restart, client certificates. */
class RegistryTlsTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();
  static final TestPki CA = new TestPki("cphub test CA");

  @TempDir
  Path dir;

  private Path cert() {
    return dir.resolve("registry.crt");
  }

  private Path key() {
    return dir.resolve("registry.key");
  }

  private Registry start(Map<String, String> more) throws InterruptedException {
    Map<String, String> v = new HashMap<>(Map.of("tls.cert-file", cert().toString(), "tls.key-file", key().toString()));
    v.putAll(more);
    return Registry.start(Fixtures.config(PG.db(), v), Clock.systemUTC());
  }

  /** One request on a new connection (a new client each time); returns the status and the server's certificate. */
  record Answer(int status, X509Certificate peer) {}

  private static Answer get(SSLContext ctx, int port, String path, String token) throws Exception {
    HttpClient c = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]);
  }

  @Test
  void https_withTheCa_serves_andPlainHttpOnTheSamePortGetsNoAnswer() throws Exception {
    TestPki.Issued issued = CA.server("registry one").write(cert(), key());
    try (Registry r = start(Map.of())) {
      Answer a = get(CA.clientContext(null), r.port(), "/healthz", null);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.peer()).isEqualTo(issued.certificate());
      assertThat(get(CA.clientContext(null), r.port(), "/v1/servers", ADMIN).status()).isEqualTo(200);
      assertThatThrownBy(() -> new HttpApi(r.port()).get("/healthz", null)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aClientTrustingAnotherCa_isRefusedInTheHandshake() throws Exception {
    CA.server("registry one").write(cert(), key());
    try (Registry r = start(Map.of())) {
      SSLContext other = new TestPki("some other CA").clientContext(null);
      assertThatThrownBy(() -> get(other, r.port(), "/healthz", null)).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void certificateRenewedOnDisk_newConnectionsGetTheNewOne_withoutRestart() throws Exception {
    TestPki.Issued first = CA.server("registry first").write(cert(), key());
    try (Registry r = start(Map.of())) {
      assertThat(get(CA.clientContext(null), r.port(), "/healthz", null).peer()).isEqualTo(first.certificate());
      TestPki.Issued second = CA.server("registry second").write(cert(), key());
      Answer a = get(CA.clientContext(null), r.port(), "/healthz", null);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.peer()).isEqualTo(second.certificate());
    }
  }

  @Test
  void renewalCaughtHalfway_keepsServingTheOldCertificate_untilTheKeyMatches() throws Exception {
    TestPki.Issued first = CA.server("registry first").write(cert(), key());
    try (Registry r = start(Map.of())) {
      TestPki.Issued second = CA.server("registry second");
      TestPki.writePem(cert(), second.certificate());
      Answer during = get(CA.clientContext(null), r.port(), "/healthz", null);
      assertThat(during.status()).isEqualTo(200);
      assertThat(during.peer()).isEqualTo(first.certificate());
      Files.writeString(key(), "garbage");
      assertThat(get(CA.clientContext(null), r.port(), "/healthz", null).peer()).isEqualTo(first.certificate());
      second.write(cert(), key());
      assertThat(get(CA.clientContext(null), r.port(), "/healthz", null).peer()).isEqualTo(second.certificate());
    }
  }

  @Test
  void clientCaSet_requiresAClientCertificate_andStillTheBearerToken() throws Exception {
    CA.server("registry one").write(cert(), key());
    TestPki agents = new TestPki("cphub agents CA");
    Path agentsCa = agents.writeCertificate(dir.resolve("agents-ca.crt"));
    try (Registry r = start(Map.of("tls.client-ca-file", agentsCa.toString()))) {
      SSLContext noCert = CA.clientContext(null);
      assertThatThrownBy(() -> get(noCert, r.port(), "/healthz", null)).isInstanceOf(IOException.class);
      TestPki.Issued stranger = new TestPki("stranger CA").client("s001.hoster.test");
      assertThatThrownBy(() -> get(CA.clientContext(stranger), r.port(), "/healthz", null)).isInstanceOf(IOException.class);
      TestPki.Issued agent = agents.client("s001.hoster.test");
      SSLContext withCert = CA.clientContext(agent);
      assertThat(get(withCert, r.port(), "/healthz", null).status()).isEqualTo(200);
      assertThat(get(withCert, r.port(), "/v1/servers", null).status()).isEqualTo(401);
      assertThat(get(withCert, r.port(), "/v1/servers", ADMIN).status()).isEqualTo(200);
    }
  }

  @Test
  void keyNotMatchingTheCertificate_refusesToStart_namingTheKey() throws Exception {
    CA.server("registry one").write(cert(), key());
    TestPki.Issued other = CA.server("registry two");
    TestPki.writePem(cert(), other.certificate());
    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(TlsException.class)
        .hasMessageContaining("tls.key-file").hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void traditionalKeyFormatOrMissingFile_refusesToStart_sayingWhatToDo() throws Exception {
    CA.server("registry one").write(cert(), key());
    Files.writeString(key(), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(TlsException.class)
        .hasMessageContaining("tls.key-file").hasMessageContaining("openssl pkcs8 -topk8");
    Files.delete(cert());
    assertThatThrownBy(() -> start(Map.of())).isInstanceOf(TlsException.class)
        .hasMessageContaining("tls.cert-file").hasMessageContaining("cannot read");
  }

  @Test
  void plainHttpOnANonLoopbackAddress_isRefused_namingTheKey() {
    assertThatThrownBy(() -> Fixtures.config(PG.db(), Map.of("http.host", "0.0.0.0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tls.cert-file").hasMessageContaining("0.0.0.0");
    assertThatThrownBy(() -> Fixtures.config(PG.db(), Map.of("http.host", "10.0.0.5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tls.cert-file");
    assertThatThrownBy(() -> Fixtures.config(PG.db(), Map.of("tls.cert-file", "/x.crt")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tls.key-file");
    assertThatThrownBy(() -> Fixtures.config(PG.db(), Map.of("tls.client-ca-file", "/ca.crt")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tls.cert-file");
    for (String loopback : new String[] {"127.0.0.1", "127.0.1.1", "localhost", "::1"}) {
      assertThat(Fixtures.config(PG.db(), Map.of("http.host", loopback)).tls()).isNull();
    }
  }

  private static double expiryMetric(int port) throws Exception {
    HttpClient c = HttpClient.newBuilder().sslContext(CA.clientContext(null)).build();
    String text = c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^cphub_registry_tls_certificate_expiry_timestamp_seconds (\\S+)$").matcher(text);
    assertThat(m.find()).as("expiry metric in\n" + text).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void certificateExpiryMetric_isTheServedNotAfter_andFollowsAReload_butNotAHalfWrittenRenewal() throws Exception {
    TestPki.Issued first = CA.server("registry first", Duration.ofDays(10)).write(cert(), key());
    try (Registry r = start(Map.of())) {
      assertThat(expiryMetric(r.port())).isEqualTo(first.certificate().getNotAfter().getTime() / 1000);
      TestPki.Issued second = CA.server("registry second", Duration.ofDays(90));
      TestPki.writePem(cert(), second.certificate());
      assertThat(expiryMetric(r.port())).isEqualTo(first.certificate().getNotAfter().getTime() / 1000);
      second.write(cert(), key());
      assertThat(expiryMetric(r.port())).isEqualTo(second.certificate().getNotAfter().getTime() / 1000);
      assertThat(second.certificate().getNotAfter()).isAfter(first.certificate().getNotAfter());
    }
  }

  @Test
  void plainHttp_hasNoCertificateExpiryMetric() throws Exception {
    try (Registry r = Registry.start(Fixtures.config(PG.db(), Map.of()), Clock.systemUTC())) {
      assertThat(new HttpApi(r.port()).get("/metrics", null).body())
          .doesNotContain("cphub_registry_tls_certificate_expiry_timestamp_seconds").contains("cphub_build_info");
    }
  }
}
