package io.cphub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.dns.ZoneLine;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.StateFile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsApiTest {
  final HttpClient client = HttpClient.newHttpClient();
  Simulator sim;
  SimulatedServer s;

  @BeforeEach
  void start() throws Exception {
    sim = new Simulator(new StateFile(List.of(new ServerSpec("s1.test", "root", "T", List.of(
        SimAccount.of("alice", "alice.example"))))), "127.0.0.1", 0, n -> HookSink.NONE, Clock.systemUTC());
    s = sim.server("s1.test");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  JsonNode call(String function, String... kv) throws Exception {
    StringBuilder q = new StringBuilder("api.version=1");
    for (int i = 0; i < kv.length; i += 2) {
      q.append('&').append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port("s1.test")
        + "/json-api/" + function + "?" + q)).header("Authorization", "whm root:T").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void parseDnsZone_givesCpanelsTemplate_inBase64() throws Exception {
    JsonNode p = call("parse_dns_zone", "zone", "alice.example").at("/data/payload");
    assertThat(p.get(0).get("type").asText()).isEqualTo("comment");
    assertThat(p.get(1).get("type").asText()).isEqualTo("control");
    JsonNode soa = p.get(2);
    assertThat(soa.get("record_type").asText()).isEqualTo("SOA");
    assertThat(soa.get("dname_b64").asText()).isEqualTo(b64("alice.example."));
    assertThat(soa.get("data_b64").get(2).asText()).isEqualTo(b64("2026120101"));
    JsonNode srv = null;
    for (JsonNode item : p) {
      if (item.path("dname_b64").asText().equals(b64("_autodiscover._tcp"))) {
        srv = item;
      }
    }
    assertThat(srv.get("data_b64")).hasSize(4);
    assertThat(srv.get("data_b64").get(3).asText()).isEqualTo(b64("cpanelemaildiscovery.cpanel.net."));
    assertThat(call("parse_dns_zone", "zone", "nowhere.example").at("/metadata/result").asInt()).isZero();
  }

  @Test
  void massEdit_checksTheSerial_appliesAllOrNothing_andKeepsLineIndexes() throws Exception {
    int a = index("autoconfig", "A");
    int w = index("www", "CNAME");
    String edit = "{\"line_index\":" + a + ",\"dname\":\"autoconfig\",\"ttl\":14400,\"record_type\":\"CNAME\","
        + "\"data\":[\"mail.hoster.host.\"]}";
    JsonNode stale = call("mass_edit_dns_zone", "zone", "alice.example", "serial", "2026120100", "edit", edit);
    assertThat(stale.at("/metadata/result").asInt()).isZero();
    assertThat(stale.at("/data/payload/type").asText()).isEqualTo("Stale");
    JsonNode soaRemoval = call("mass_edit_dns_zone", "zone", "alice.example", "serial", "2026120101", "edit", edit,
        "remove", "2");
    assertThat(soaRemoval.at("/metadata/reason").asText()).contains("SOA");
    assertThat(s.zones().zone("alice.example").lines().get(a).type()).isEqualTo("A");
    JsonNode ok = call("mass_edit_dns_zone", "zone", "alice.example", "serial", "2026120101", "edit", edit,
        "remove", Integer.toString(w));
    assertThat(ok.at("/data/new_serial").asText()).isEqualTo("2026120102");
    List<ZoneLine> lines = s.zones().zone("alice.example").lines();
    assertThat(lines.get(a)).isEqualTo(ZoneLine.record("autoconfig", 14400, "CNAME", "mail.hoster.host."));
    assertThat(lines.get(w)).isNull();
    assertThat(lines.get(w + 1).dname()).isEqualTo("ftp");
  }

  @Test
  void clusterFailure_refusesTheSave_andLeavesTheZone() throws Exception {
    s.zones().failCluster("alice.example", 1);
    List<ZoneLine> before = s.zones().zone("alice.example").lines();
    JsonNode r = call("mass_edit_dns_zone", "zone", "alice.example", "serial", "2026120101", "remove",
        Integer.toString(index("www", "CNAME")));
    assertThat(r.at("/metadata/result").asInt()).isZero();
    assertThat(r.at("/data/payload/type").asText()).isEqualTo("ClusterFailure");
    assertThat(s.zones().zone("alice.example").lines()).isEqualTo(before);
  }

  @Test
  void tweakSettings_getSetAndValidate_andAutodiscoverHostRewritesCpanelsSrv() throws Exception {
    assertThat(call("get_tweaksetting", "key", "autodiscover_host").at("/data/tweaksetting/value").asText())
        .isEqualTo("cpanelemaildiscovery.cpanel.net");
    assertThat(call("set_tweaksetting", "key", "autodiscover_host", "value", "not a host").at("/metadata/result").asInt())
        .isZero();
    assertThat(call("set_tweaksetting", "key", "overwritecustomsrvrecords", "value", "2").at("/metadata/result").asInt())
        .isZero();
    assertThat(call("get_tweaksetting", "key", "no_such_key").at("/metadata/result").asInt()).isZero();
    assertThat(call("set_tweaksetting", "key", "autodiscover_host", "value", "mail.hoster.host").at("/metadata/result")
        .asInt()).isEqualTo(1);
    assertThat(s.zones().zone("alice.example").lines().get(index("_autodiscover._tcp", "SRV")).data())
        .containsExactly("0", "0", "443", "mail.hoster.host.");
  }

  int index(String dname, String type) {
    List<ZoneLine> lines = s.zones().zone("alice.example").lines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i) != null && dname.equals(lines.get(i).dname()) && type.equals(lines.get(i).type())) {
        return i;
      }
    }
    throw new AssertionError(dname);
  }
}
