package io.cphub.agent.whm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhmClientTest {
  final MockWebServer server = new MockWebServer();
  WhmClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = new WhmClient(server.url("/"), "root", "S3CRET", Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = WhmClientTest.class.getResourceAsStream("/whm/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  @Test
  void getDomainInfoFixture_decodes_andSendsTokenHeader() throws Exception {
    answer(200, fixture("get_domain_info.json"));
    assertThat(client.domains()).containsExactly(
        new WhmDomain("alpha.test", "main", "alpha", "alpha.test"),
        new WhmDomain("beta.test", "main", "beta", "beta.test"),
        new WhmDomain("gamma.test", "main", "gamma", "gamma.test"));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("whm root:S3CRET");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/json-api/get_domain_info");
    assertThat(r.getUrl().queryParameter("api.version")).isEqualTo("1");
  }

  @Test
  void listacctsFixture_withQuotedIntsAndUnknowns_decodes() throws Exception {
    answer(200, fixture("listaccts.json"));
    assertThat(client.accounts()).containsExactly(
        new WhmAccount("alpha", "alpha.test", "root", false),
        new WhmAccount("beta", "beta.test", "reseller1", true),
        new WhmAccount("gamma", "gamma.test", "root", false));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().queryParameter("want")).contains("user", "domain", "owner", "suspended");
  }

  @Test
  void accountsummaryFixture_decodes() throws Exception {
    answer(200, fixture("accountsummary.json"));
    assertThat(client.account("delta")).contains(new WhmAccount("delta", "delta.test", "reseller9", false));
    assertThat(server.takeRequest().getUrl().queryParameter("user")).isEqualTo("delta");
  }

  @Test
  void accountsummaryDoesNotExist_isEmpty_butEmptyResult1IsAnError() throws Exception {
    answer(200, "{\"metadata\":{\"command\":\"accountsummary\",\"reason\":\"Account does not exist.\",\"result\":0,\"version\":1}}");
    assertThat(client.account("ghost")).isEmpty();
    answer(200, "{\"data\":{\"acct\":[]},\"metadata\":{\"command\":\"accountsummary\",\"reason\":\"OK\",\"result\":1,\"version\":1}}");
    assertThatThrownBy(() -> client.account("ghost")).isInstanceOf(WhmException.class).hasMessageContaining("0 rows");
  }

  @Test
  void envelopeFailure_carriesTheReason() throws Exception {
    answer(200, fixture("failure.json"));
    assertThatThrownBy(client::accounts).isInstanceOf(WhmException.class)
        .hasMessageContaining("listaccts failed").hasMessageContaining("Api Failure");
  }

  @Test
  void legacyShapeWithoutMetadata_isRejected() throws Exception {
    answer(200, fixture("legacy_listaccts.json"));
    assertThatThrownBy(client::accounts).isInstanceOf(WhmException.class).hasMessageContaining("metadata envelope");
  }

  @Test
  void http403_isAnAuthFailure_withoutLeakingTheToken() throws Exception {
    answer(403, fixture("access_denied.json"));
    assertThatThrownBy(client::domains).isInstanceOf(WhmAuthException.class)
        .hasMessageContaining("whm.token").hasMessageNotContaining("S3CRET");
  }

  @Test
  void http500_truncatedJson_andStrayElements_areErrors() throws Exception {
    answer(500, "<html>oops</html>");
    assertThatThrownBy(client::domains).isInstanceOf(WhmException.class).hasMessageContaining("HTTP 500");
    String full = fixture("get_domain_info.json");
    answer(200, full.substring(0, full.length() / 2));
    assertThatThrownBy(client::domains).isInstanceOf(WhmException.class).hasMessageContaining("malformed JSON");
    answer(200, fixture("stray_zero.json"));
    assertThatThrownBy(client::domains).isInstanceOf(WhmException.class).hasMessageContaining("[1] is not an object");
    answer(200, "{\"data\":{\"acct\":[{\"user\":\"a\",\"domain\":\"a.test\",\"suspended\":\"maybe\"}]},"
        + "\"metadata\":{\"result\":\"1\"}}");
    assertThatThrownBy(client::accounts).isInstanceOf(WhmException.class).hasMessageContaining("expected 0 or 1");
  }

  @Test
  void unreachableWhm_isAWhmException() throws Exception {
    int port = server.getPort();
    server.close();
    WhmClient dead = new WhmClient(okhttp3.HttpUrl.get("http://127.0.0.1:" + port + "/"), "root", "x",
        Duration.ofMillis(500), Duration.ofMillis(500));
    assertThatThrownBy(dead::accounts).isInstanceOf(WhmException.class).hasMessageContaining("unreachable");
  }

  @Test
  void domainsOf_filtersOnTheUser() throws Exception {
    answer(200, fixture("get_domain_info.json"));
    assertThat(client.domainsOf("beta")).extracting(WhmDomain::domain).containsExactly("beta.test");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().queryParameter("api.filter.a.field")).isEqualTo("user");
    assertThat(r.getUrl().queryParameter("api.filter.a.arg0")).isEqualTo("beta");
    assertThat(r.getUrl().queryParameter("api.filter.a.type")).isEqualTo("==");
  }
}
