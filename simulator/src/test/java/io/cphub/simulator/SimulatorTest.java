package io.cphub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.hook.SpoolHookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.state.StateGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
  static final String AUTH = "whm root:TOKEN1";
  final HttpClient client = HttpClient.newHttpClient();
  @TempDir Path tmp;
  Simulator sim;

  @BeforeEach
  void start() throws Exception {
    SimAccount alice = new SimAccount("alice", "alice.example", "root", false, null, null,
        List.of(new SimDomain("shop.example", "addon"), new SimDomain("alias.example", "parked"),
            new SimDomain("*.alice.example", "sub"), new SimDomain("blog.alice.example", "sub")));
    SimAccount bob = new SimAccount("bob", "bob.example", "reseller1", true, null, null, List.of());
    StateFile state = new StateFile(List.of(new ServerSpec("s1.test", "root", "TOKEN1", List.of(alice, bob)),
        new ServerSpec("s2.test", "root", "TOKEN2", List.of())));
    sim = new Simulator(state, "127.0.0.1", 0, name -> new SpoolHookSink(tmp.resolve(name)),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  HttpResponse<String> get(String server, String pathAndQuery, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port(server) + pathAndQuery));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> admin(String server, String method, String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port(server) + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  @Test
  void badOrMissingToken_is403AccessDenied() throws Exception {
    assertThat(get("s1.test", "/json-api/listaccts?api.version=1", null).statusCode()).isEqualTo(403);
    HttpResponse<String> r = get("s1.test", "/json-api/listaccts?api.version=1", "whm root:TOKEN2");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).at("/cpanelresult/error").asText()).isEqualTo("Access denied");
    assertThat(get("s1.test", "/json-api/listaccts?api.version=1", "WHM root:TOKEN1").statusCode()).isEqualTo(200);
  }

  @Test
  void getDomainInfo_listsAddonWithHiddenBackingSubAndWildcard() throws Exception {
    JsonNode body = json(get("s1.test", "/json-api/get_domain_info?api.version=1", AUTH));
    assertThat(body.at("/metadata/result").asInt()).isEqualTo(1);
    assertThat(body.at("/metadata/command").asText()).isEqualTo("get_domain_info");
    JsonNode rows = body.at("/data/domains");
    assertThat(rows).hasSize(7);
    JsonNode addon = find(rows, "shop.example");
    assertThat(addon.get("domain_type").asText()).isEqualTo("addon");
    assertThat(addon.get("parent_domain").asText()).isEqualTo("shopexample.alice.example");
    assertThat(find(rows, "shopexample.alice.example").get("domain_type").asText()).isEqualTo("sub");
    assertThat(find(rows, "*.alice.example").get("domain_type").asText()).isEqualTo("sub");
    assertThat(find(rows, "alias.example").get("port").isTextual()).isTrue();
    assertThat(find(rows, "bob.example").get("user_owner").asText()).isEqualTo("reseller1");
  }

  @Test
  void listaccts_honoursWantAndSearch_andShowsUnknownSuspendReason() throws Exception {
    JsonNode rows = json(get("s1.test", "/json-api/listaccts?api.version=1&want=user,suspended,suspendreason,suspendtime", AUTH))
        .at("/data/acct");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).size()).isEqualTo(4);
    JsonNode bob = rows.get(1);
    assertThat(bob.get("suspendreason").asText()).isEqualTo("*unknown*");
    assertThat(bob.get("suspended").asText()).isEqualTo("1");
    JsonNode one = json(get("s1.test", "/json-api/listaccts?api.version=1&search=bob&searchtype=user&searchmethod=exact", AUTH))
        .at("/data/acct");
    assertThat(one).hasSize(1);
  }

  @Test
  void accountsummary_missingAccount_isResult0InHttp200() throws Exception {
    HttpResponse<String> r = get("s1.test", "/json-api/accountsummary?api.version=1&user=nobody1", AUTH);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).at("/metadata/result").asInt()).isZero();
    assertThat(json(r).at("/metadata/reason").asText()).contains("does not exist");
    assertThat(json(get("s1.test", "/json-api/accountsummary?api.version=1&user=alice", AUTH)).at("/data/acct/0/domain").asText())
        .isEqualTo("alice.example");
  }

  @Test
  void unknownFunction_andMissingApiVersion_areFailures() throws Exception {
    assertThat(json(get("s1.test", "/json-api/frobnicate?api.version=1", AUTH)).at("/metadata/reason").asText())
        .startsWith("Unknown app (frobnicate)");
    assertThat(json(get("s1.test", "/json-api/listaccts", AUTH)).has("metadata")).isFalse();
  }

  @Test
  void faults_500_truncated_empty_result0() throws Exception {
    admin("s1.test", "PUT", "/admin/fault", "{\"mode\":\"http500\",\"delayMs\":0}");
    assertThat(get("s1.test", "/json-api/listaccts?api.version=1", AUTH).statusCode()).isEqualTo(500);
    admin("s1.test", "PUT", "/admin/fault", "{\"mode\":\"truncated\",\"delayMs\":0}");
    String cut = get("s1.test", "/json-api/get_domain_info?api.version=1", AUTH).body();
    assertThatThrownBy(() -> Json.mapper().readTree(cut)).isInstanceOf(Exception.class);
    admin("s1.test", "PUT", "/admin/fault", "{\"mode\":\"empty\",\"delayMs\":0,\"function\":\"get_domain_info\"}");
    JsonNode empty = json(get("s1.test", "/json-api/get_domain_info?api.version=1", AUTH));
    assertThat(empty.at("/metadata/result").asInt()).isEqualTo(1);
    assertThat(empty.at("/data/domains")).isEmpty();
    assertThat(json(get("s1.test", "/json-api/listaccts?api.version=1", AUTH)).at("/data/acct")).hasSize(2);
    admin("s1.test", "PUT", "/admin/fault", "{\"mode\":\"result0\",\"delayMs\":0}");
    assertThat(json(get("s1.test", "/json-api/listaccts?api.version=1", AUTH)).at("/metadata/reason").asText())
        .isEqualTo("Api Failure");
    HttpResponse<String> bad = admin("s1.test", "PUT", "/admin/fault", "{\"mode\":\"explode\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).isEqualTo("bad_request");
  }

  @Test
  void adminChanges_changeAnswers_andDropHookFiles() throws Exception {
    HttpResponse<String> created = admin("s1.test", "POST", "/admin/accounts", "{\"user\":\"carol\",\"domain\":\"carol.example\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    admin("s1.test", "POST", "/admin/accounts/carol/domains", "{\"domain\":\"carol.net\",\"type\":\"parked\"}");
    admin("s1.test", "POST", "/admin/accounts/carol/suspend", "{\"reason\":\"billing\"}");
    admin("s1.test", "POST", "/admin/transfer", "{\"user\":\"carol\",\"to\":\"s2.test\"}");
    assertThat(sim.server("s2.test").state().find("carol")).isPresent();
    admin("s1.test", "DELETE", "/admin/accounts/carol", null);
    assertThat(sim.server("s1.test").state().find("carol")).isEmpty();

    List<JsonNode> events = events(tmp.resolve("s1.test"));
    assertThat(events).extracting(e -> e.at("/context/event").asText()).containsExactlyInAnyOrder(
        "Accounts::Create", "Domain::park", "Accounts::suspendacct", "Accounts::Remove", "Accounts::Remove");
    assertThat(events).allSatisfy(e -> assertThat(e.at("/data/pass").isMissingNode()).isTrue());
    List<JsonNode> arrived = events(tmp.resolve("s2.test"));
    assertThat(arrived).extracting(e -> e.at("/context/category").asText() + "::" + e.at("/context/event").asText())
        .containsExactlyInAnyOrder("Whostmgr::Accounts::Create", "PkgAcct::Restore");
    assertThat(arrived).filteredOn(e -> e.at("/context/event").asText().equals("Accounts::Create"))
        .extracting(e -> e.at("/data/is_restore").asInt()).containsExactly(1);
    assertThat(arrived).filteredOn(e -> e.at("/context/event").asText().equals("Restore"))
        .extracting(e -> e.at("/data/user").asText()).containsExactly("carol");
    assertThat(admin("s1.test", "DELETE", "/admin/accounts/carol", null).statusCode()).isEqualTo(400);
  }

  @Test
  void stateDuplicates_areRejected() {
    SimAccount a = SimAccount.of("a", "a.example");
    ServerSpec x = new ServerSpec("x", "root", "t", List.of(a));
    assertThatThrownBy(() -> new StateFile(List.of(x, x))).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> new io.cphub.simulator.state.ServerState(List.of(a, SimAccount.of("b", "A.example"))))
        .hasMessageContaining("claims a domain");
  }

  @Test
  void generatedState_roundTripsThroughTheFile() throws Exception {
    StateFile s = StateGenerator.generate(2, 10, 5, "tok");
    Path f = tmp.resolve("state.json");
    s.write(f);
    assertThat(StateFile.read(f)).isEqualTo(s);
    try (Simulator big = new Simulator(s, "127.0.0.1", 0, n -> HookSink.NONE, Clock.systemUTC())) {
      assertThat(big.server("s002.hoster.test").state().size()).isEqualTo(10);
    }
  }

  private static JsonNode find(JsonNode rows, String domain) {
    for (JsonNode r : rows) {
      if (r.get("domain").asText().equals(domain)) {
        return r;
      }
    }
    throw new AssertionError("no row " + domain);
  }

  private static List<JsonNode> events(Path spool) throws Exception {
    try (Stream<Path> files = Files.list(spool.resolve("new"))) {
      return files.map(p -> {
        try {
          return Json.mapper().readTree(p.toFile());
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }).toList();
    }
  }

  @Test
  void getDomainInfoFilteredOnUser_isExactlyTheUnfilteredRowsOfThatUser() throws Exception {
    JsonNode all = json(get("s1.test", "/json-api/get_domain_info?api.version=1", AUTH)).at("/data/domains");
    JsonNode alice = json(get("s1.test", "/json-api/get_domain_info?api.version=1&api.filter.enable=1"
        + "&api.filter.a.field=user&api.filter.a.arg0=alice&api.filter.a.type=%3D%3D", AUTH)).at("/data/domains");
    List<JsonNode> expected = new java.util.ArrayList<>();
    all.forEach(r -> {
      if (r.get("user").asText().equals("alice")) {
        expected.add(r);
      }
    });
    assertThat(expected).hasSize(6);
    assertThat(alice).containsExactlyElementsOf(expected);
    JsonNode none = json(get("s1.test", "/json-api/get_domain_info?api.version=1&api.filter.enable=1"
        + "&api.filter.a.field=user&api.filter.a.arg0=ALICE&api.filter.a.type=%3D%3D", AUTH)).at("/data/domains");
    assertThat(none).as("== is exact").isEmpty();
  }
}
