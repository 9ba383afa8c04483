package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Snapshot;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent against registries of other releases: a 0.1.0 registry's replies (no feed identity
 * anywhere) and a newer registry's replies with fields this agent does not know, at the top
 * level and nested, on accepted writes and on refusals. The agent keeps its change summary, the
 * feed identity, the refusal reason and the Retry-After; nothing unknown costs it a push.
 */
class RegistryReplyContractTest {
  private static final String NEWER_SUMMARY = "{\"accountsUpserted\":1,\"accountsRemoved\":0,\"claimsAdded\":2,"
      + "\"claimsRemoved\":0,\"routesChanged\":2,\"version\":77,\"feedIdentity\":\"7714480900395287049:3:16384:1\","
      + "\"contestsOpened\":1,\"warnings\":[{\"domain\":\"a.example\",\"reason\":\"standing claim elsewhere\"}],"
      + "\"timing\":{\"dbMillis\":4}}";
  private static final String SUMMARY_010 = "{\"accountsUpserted\":1,\"accountsRemoved\":0,\"claimsAdded\":2,"
      + "\"claimsRemoved\":0,\"routesChanged\":2,\"version\":12}";

  private final MockWebServer server = new MockWebServer();
  private RegistryClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = new RegistryClient(server.url("/"), "s1.hoster.test", "TOKEN", Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void answer(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body(body).addHeader("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(b.build());
  }

  @Test
  void newerRegistry_extraFieldsInTheSummary_areIgnored_theIdentityInTheBodyIsUsed() {
    answer(200, NEWER_SUMMARY);
    ChangeSummary s = client.putSnapshot(new Snapshot(List.of(RegistryClientTest.ALICE), RegistryClientTest.AGENT));
    assertThat(s).isEqualTo(new ChangeSummary(1, 0, 2, 0, 2, 77, "7714480900395287049:3:16384:1"));
    assertThat(client.feedIdentity()).isEqualTo("7714480900395287049:3:16384:1");

    answer(200, NEWER_SUMMARY.replace(":3:", ":4:"), "Cphub-Feed-Identity", "7714480900395287049:4:16384:1",
        "Cphub-Registry-Version", "0.3.0");
    assertThat(client.putAccount("alice", new AccountPush(RegistryClientTest.ALICE, null)).version()).isEqualTo(77);
    assertThat(client.historyChanged()).as("a new timeline named by the newer registry is noticed").isTrue();
  }

  @Test
  void registry010_summaryWithoutIdentity_isRead_andNoHistoryChangeIsInvented() {
    answer(200, SUMMARY_010);
    answer(200, SUMMARY_010.replace("12", "13"));
    assertThat(client.putSnapshot(new Snapshot(List.of(RegistryClientTest.ALICE), null)).version()).isEqualTo(12);
    assertThat(client.deleteAccount("alice").version()).isEqualTo(13);
    assertThat(client.feedIdentity()).isNull();
    assertThat(client.historyChanged()).isFalse();
  }

  @Test
  void newerRegistry_refusalWithExtraFields_keepsItsReason() {
    answer(409, "{\"error\":\"mass_removal\",\"detail\":\"would remove 80% of s1.hoster.test's domains\","
        + "\"share\":0.8,\"limits\":{\"maxRemovalShare\":0.2},\"docs\":\"https://docs.example/guard\"}");
    assertThatThrownBy(() -> client.putSnapshot(new Snapshot(List.of(RegistryClientTest.ALICE), null)))
        .isInstanceOfSatisfying(RegistryRefusedException.class, e -> {
          assertThat(e.error()).isEqualTo("mass_removal");
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.getMessage()).contains("would remove 80%");
        });
  }

  @Test
  void newerRegistry_503WithExtraFields_keepsRetryAfter() {
    answer(503, "{\"error\":\"database_unavailable\",\"detail\":\"failing over\",\"retryable\":true}",
        "Retry-After", "1");
    assertThatThrownBy(() -> client.putAccount("alice", new AccountPush(RegistryClientTest.ALICE, null)))
        .isInstanceOfSatisfying(RegistryUnavailableException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
          assertThat(e.getMessage()).contains("database_unavailable");
        });
  }
}
