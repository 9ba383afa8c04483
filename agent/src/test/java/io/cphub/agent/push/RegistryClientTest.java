package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {
  static final AccountEntry ALICE = new AccountEntry("alice", "alice.example", "root", false,
      List.of(new DomainEntry("alice.example", DomainKind.MAIN)));
  static final AgentState AGENT = new AgentState("1.0", Instant.parse("2026-01-01T00:00:00Z"), 3, null);
  final MockWebServer server = new MockWebServer();
  RegistryClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = new RegistryClient(server.url("/"), "s1.hoster.test", "TOKEN", Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  @Test
  void putSnapshot_sendsBearerAndBody_andReadsTheSummary() throws Exception {
    answer(200, "{\"accountsUpserted\":1,\"accountsRemoved\":0,\"claimsAdded\":1,\"claimsRemoved\":0,"
        + "\"routesChanged\":1,\"version\":42}");
    ChangeSummary s = client.putSnapshot(new Snapshot(List.of(ALICE), AGENT));
    assertThat(s.version()).isEqualTo(42);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("PUT");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/servers/s1.hoster.test/snapshot");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer TOKEN");
    Snapshot sent = Json.mapper().readValue(r.getBody().utf8(), Snapshot.class);
    assertThat(sent).isEqualTo(new Snapshot(List.of(ALICE), AGENT));
  }

  @Test
  void putAndDeleteAccount_useTheAccountPath() throws Exception {
    answer(200, "{\"accountsUpserted\":1,\"accountsRemoved\":0,\"claimsAdded\":0,\"claimsRemoved\":0,\"routesChanged\":0,\"version\":1}");
    client.putAccount("alice", new AccountPush(ALICE, AGENT));
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().encodedPath()).isEqualTo("/v1/servers/s1.hoster.test/accounts/alice");
    assertThat(Json.mapper().readValue(put.getBody().utf8(), AccountPush.class).account()).isEqualTo(ALICE);
    answer(200, "{\"accountsUpserted\":0,\"accountsRemoved\":1,\"claimsAdded\":0,\"claimsRemoved\":1,\"routesChanged\":2,\"version\":3}");
    assertThat(client.deleteAccount("alice").accountsRemoved()).isEqualTo(1);
    RecordedRequest del = server.takeRequest();
    assertThat(del.getMethod()).isEqualTo("DELETE");
    assertThat(del.getUrl().encodedPath()).isEqualTo("/v1/servers/s1.hoster.test/accounts/alice");
    answer(404, "{\"error\":\"unknown_server\",\"detail\":\"no server named s1.hoster.test\"}");
    assertThatThrownBy(() -> client.deleteAccount("alice")).isInstanceOfSatisfying(RegistryRefusedException.class,
        e -> assertThat(e.error()).isEqualTo("unknown_server"));
  }

  @Test
  void guardRefusal409_isRefused_withTheRegistrysReason() {
    answer(409, "{\"error\":\"mass_removal\",\"detail\":\"snapshot would remove 80% of s1.hoster.test's domains\"}");
    assertThatThrownBy(() -> client.putSnapshot(new Snapshot(List.of(ALICE), AGENT)))
        .isInstanceOfSatisfying(RegistryRefusedException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.error()).isEqualTo("mass_removal");
          assertThat(e.getMessage()).contains("80%").doesNotContain("TOKEN");
        });
  }

  @Test
  void serverErrorsAndOutages_areUnavailable() throws Exception {
    answer(503, "<html>busy</html>");
    assertThatThrownBy(() -> client.putAccount("alice", new AccountPush(ALICE, AGENT)))
        .isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("HTTP 503");
    answer(429, "");
    assertThatThrownBy(() -> client.deleteAccount("alice")).isInstanceOf(RegistryUnavailableException.class);
    int port = server.getPort();
    server.close();
    RegistryClient dead = new RegistryClient(okhttp3.HttpUrl.get("http://127.0.0.1:" + port + "/"), "s1", "T",
        Duration.ofMillis(500));
    assertThatThrownBy(() -> dead.deleteAccount("alice")).isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void unauthorized_isRefused() {
    answer(401, "{\"error\":\"unauthorized\",\"detail\":\"bad token\"}");
    assertThatThrownBy(() -> client.deleteAccount("alice")).isInstanceOfSatisfying(RegistryRefusedException.class,
        e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void everyWrite_isReportedWithItsKindAndResult() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    RegistryClient observed = new RegistryClient(server.url("/"), "s1.hoster.test", "TOKEN", Duration.ofSeconds(2),
        Duration.ofSeconds(4), null, (kind, result, seconds) -> seen.add(kind + " " + result + (seconds >= 0 ? "" : "?")));
    answer(200, "{\"accountsUpserted\":1,\"accountsRemoved\":0,\"claimsAdded\":1,\"claimsRemoved\":0,"
        + "\"routesChanged\":1,\"version\":42}");
    observed.putSnapshot(new Snapshot(List.of(ALICE), AGENT));
    answer(409, "{\"error\":\"mass_removal\",\"detail\":\"would remove 100%\"}");
    assertThatThrownBy(() -> observed.putSnapshot(new Snapshot(List.of(ALICE), AGENT)))
        .isInstanceOf(RegistryRefusedException.class);
    answer(503, "{\"error\":\"database_unavailable\",\"detail\":\"x\"}");
    assertThatThrownBy(() -> observed.putAccount("alice", new AccountPush(ALICE, AGENT)))
        .isInstanceOf(RegistryUnavailableException.class);
    answer(401, "{\"error\":\"unauthorized\",\"detail\":\"x\"}");
    assertThatThrownBy(() -> observed.deleteAccount("alice")).isInstanceOf(RegistryRefusedException.class);
    server.close();
    assertThatThrownBy(() -> observed.deleteAccount("alice")).isInstanceOf(RegistryUnavailableException.class);
    assertThat(seen).containsExactly("snapshot accepted", "snapshot refused", "account unavailable", "delete refused",
        "delete unavailable");
  }
}
