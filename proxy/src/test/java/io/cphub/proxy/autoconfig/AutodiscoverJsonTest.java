package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutodiscoverJsonTest {
  private final Autoconfig core = Fixtures.core();

  private AutoconfigResponse get(String uri) {
    return core.answer(AutoconfigRequest.get(uri, "evil.example"));
  }

  private static JsonNode json(AutoconfigResponse r, int status) throws IOException {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    return Json.mapper().readTree(r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/autodiscover/autodiscover.json?Email=user%40customer.example&Protocol=AutodiscoverV1&RedirectCount=1",
      "/Autodiscover/Autodiscover.json?Email=user@customer.example&Protocol=Autodiscoverv1",
      "/autodiscover/autodiscover.json/v1.0/user@customer.example?Protocol=AutodiscoverV1&RedirectCount=1",
      "/autodiscover/autodiscover.json/v1.0/user%40Customer.Example?Protocol=autodiscoverv1"})
  void autodiscoverV1_pointsAtThePoxEndpointOnThePublicHostname(String uri) throws IOException {
    JsonNode body = json(get(uri), 200);
    assertThat(body.get("Protocol").asText()).isEqualTo("AutodiscoverV1");
    assertThat(body.get("Url").asText()).isEqualTo("https://mail.hoster.host/autodiscover/autodiscover.xml");
    assertThat(body.size()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ActiveSync", "Ews", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", ""})
  void otherProtocols_are400InvalidProtocol_andNotEchoed(String protocol) throws IOException {
    AutoconfigResponse r = get("/autodiscover/autodiscover.json?Email=user%40customer.example&Protocol=" + protocol);
    assertThat(json(r, 400).get("ErrorCode").asText()).isEqualTo("InvalidProtocol");
    assertThat(r.bodyText()).doesNotContain("script").doesNotContain("Ews");
  }

  @Test
  void missingProtocol_is400() throws IOException {
    assertThat(json(get("/autodiscover/autodiscover.json?Email=user%40customer.example"), 400)
        .get("ErrorCode").asText()).isEqualTo("InvalidProtocol");
  }

  @Test
  void unknownDomain_is404() throws IOException {
    AutoconfigResponse r = get("/autodiscover/autodiscover.json?Email=user%40unknown.example&Protocol=AutodiscoverV1");
    json(r, 404);
    assertThat(r.bodyText()).doesNotContain("unknown.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/autodiscover/autodiscover.json?Protocol=AutodiscoverV1",
      "/autodiscover/autodiscover.json?Email=&Protocol=AutodiscoverV1",
      "/autodiscover/autodiscover.json?Email=nobody&Protocol=AutodiscoverV1",
      "/autodiscover/autodiscover.json?Email=a%0D%0Ab%40customer.example&Protocol=AutodiscoverV1",
      "/autodiscover/autodiscover.json/v1.0/?Protocol=AutodiscoverV1",
      "/autodiscover/autodiscover.json/v1.0/a%22%7D%40customer.example%2Fx?Protocol=AutodiscoverV1"})
  void missingOrBadAddress_is400(String uri) throws IOException {
    AutoconfigResponse r = get(uri);
    assertThat(json(r, 400).get("ErrorCode").asText()).isEqualTo("InvalidRequest");
    assertThat(r.bodyText()).doesNotContain("customer.example");
  }

  @Test
  void post_is405() {
    assertThat(core.answer(new AutoconfigRequest("POST", "/autodiscover/autodiscover.json", null, new byte[0]))
        .status()).isEqualTo(405);
  }
}
