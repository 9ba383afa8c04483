package io.cphub.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void snapshotRoundTrips() throws Exception {
    Snapshot s = new Snapshot(
        List.of(new AccountEntry("bob", "example.com", "root", false,
            List.of(new DomainEntry("example.com", DomainKind.MAIN), new DomainEntry("shop.example", DomainKind.ADDON)))),
        new AgentState("0.1.0", Instant.parse("2026-11-29T10:00:00Z"), 2, null));
    String json = Json.mapper().writeValueAsString(s);
    assertThat(json).contains("\"kind\":\"addon\"").contains("2026-11-29T10:00:00Z");
    assertThat(Json.mapper().readValue(json, Snapshot.class)).isEqualTo(s);
  }

  @Test
  void unknownFieldIsRejected() {
    String json = "{\"accounts\":[],\"agent\":null,\"extra\":1}";
    assertThatThrownBy(() -> Json.mapper().readValue(json, Snapshot.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("extra");
  }

  @Test
  void tolerantReader_ignoresFieldsOfANewerPeer_butStaysStrictOtherwise() throws Exception {
    String newer = "{\"accountsUpserted\":1,\"accountsRemoved\":0,\"claimsAdded\":2,\"claimsRemoved\":0,"
        + "\"routesChanged\":2,\"version\":9,\"feedIdentity\":\"f1\",\"addedInANewerVersion\":{\"x\":1}}";
    assertThat(Json.tolerant().readValue(newer, ChangeSummary.class))
        .isEqualTo(new ChangeSummary(1, 0, 2, 0, 2, 9, "f1"));
    assertThatThrownBy(() -> Json.mapper().readValue(newer, ChangeSummary.class))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("addedInANewerVersion");
    assertThatThrownBy(() -> Json.tolerant().readValue("{\"accountsUpserted\":1} trailing", ChangeSummary.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void missingRequiredFieldIsRejected() {
    String json = "{\"agent\":null}";
    assertThatThrownBy(() -> Json.mapper().readValue(json, Snapshot.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("accounts");
  }

  @Test
  void unknownKindIsRejected() {
    String json = "{\"name\":\"example.com\",\"kind\":\"weird\"}";
    assertThatThrownBy(() -> Json.mapper().readValue(json, DomainEntry.class))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("weird");
  }

  @Test
  void trailingGarbageIsRejected() {
    assertThatThrownBy(() -> Json.mapper().readValue("{\"error\":\"a\",\"detail\":\"b\"} x", ErrorBody.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void nullPrimitiveIsRejected() {
    String json = "{\"username\":\"bob\",\"primaryDomain\":\"example.com\",\"owner\":\"root\",\"suspended\":null,\"domains\":[]}";
    assertThatThrownBy(() -> Json.mapper().readValue(json, AccountEntry.class))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void accountWithoutTransferField_fromAnOlderAgent_isAccepted_andNotTransferred() throws Exception {
    String json = "{\"username\":\"bob\",\"primaryDomain\":\"example.com\",\"owner\":\"root\",\"suspended\":false,\"domains\":[]}";
    AccountEntry e = Json.mapper().readValue(json, AccountEntry.class);
    assertThat(e.arrivedByTransfer()).isFalse();
    assertThat(Json.mapper().writeValueAsString(e)).doesNotContain("transferred");
  }

  @Test
  void transferredAccount_roundTrips_andFalseIsLeftOut() throws Exception {
    AccountEntry e = new AccountEntry("bob", "example.com", "root", false, List.of()).asTransferred();
    String json = Json.mapper().writeValueAsString(e);
    assertThat(json).contains("\"transferred\":true");
    assertThat(Json.mapper().readValue(json, AccountEntry.class).arrivedByTransfer()).isTrue();
    String explicitFalse = json.replace("\"transferred\":true", "\"transferred\":false");
    assertThat(Json.mapper().readValue(explicitFalse, AccountEntry.class)).isEqualTo(
        new AccountEntry("bob", "example.com", "root", false, List.of()));
  }
}
