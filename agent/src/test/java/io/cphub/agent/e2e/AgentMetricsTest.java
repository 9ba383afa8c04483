package io.cphub.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.AgentException;
import io.cphub.agent.RunningAgent;
import io.cphub.agent.config.ConfigLoader;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.whm.Fault;
import io.cphub.testkit.PostgresExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as {@code serve} runs it, configured from a properties file, against the simulator
 * and the real registry on PostgreSQL, its {@code /metrics} scraped over HTTP: WHM calls and their
 * failures, pushes by result, the spool depth and the last accepted full sync move as the fleet does.
 */
class AgentMetricsTest {
  @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
  static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();
  static final Duration WAIT = Duration.ofSeconds(10);
  static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  @TempDir Path dir;
  RegistryHarness registry;
  Fleet fleet;
  SimulatedServer s1;
  /** Each test enrols a server of its own: the database lives as long as the class. */
  String S1;
  RunningAgent agent;

  @BeforeEach
  void start() throws Exception {
    registry = new RegistryHarness(PG.db());
    S1 = "s" + NEXT.incrementAndGet() + ".hoster.test";
    fleet = new Fleet(new StateFile(List.of(new ServerSpec(S1, "root", "WT", List.of(SimAccount.of("alice",
        domain("alice")), SimAccount.of("bob", domain("bob")))))), dir);
    s1 = fleet.sim.server(S1);
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    fleet.close();
    registry.close();
  }

  private String token;

  /** Each test's own domains too: a domain another test's server holds would wait as a contest. */
  private String domain(String user) {
    return user + "." + S1.substring(0, S1.indexOf('.')) + ".example";
  }

  private RunningAgent startAgent(String listen) throws Exception {
    if (token == null) {
      token = registry.enrol(S1, "10.0.0.1");
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server.name", S1);
    p.put("registry.url", registry.url());
    p.put("registry.token", token);
    p.put("whm.url", fleet.whmUrl(S1));
    p.put("whm.token", "WT");
    p.put("spool.dir", fleet.spoolDir(S1).toString());
    p.put("status.file", dir.resolve("status.json").toString());
    p.put("sync.debounce-ms", "50");
    p.put("backoff.initial-ms", "100");
    p.put("backoff.max-ms", "400");
    p.put("metrics.listen", listen);
    StringBuilder text = new StringBuilder();
    p.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path file = Files.writeString(dir.resolve("agent.properties"), text);
    return RunningAgent.start(ConfigLoader.load(file, Map.of()), Clock.systemUTC());
  }

  private HttpResponse<String> get(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.metricsPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every sample of a scrape, by series ({@code name{labels}} as exposed). */
  private Map<String, Double> scrape() throws Exception {
    HttpResponse<String> r = get("GET", "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    Map<String, Double> out = new HashMap<>();
    for (String line : r.body().split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        out.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    return out;
  }

  private double value(String series) throws Exception {
    return Objects.requireNonNullElse(scrape().get(series), -1.0);
  }

  @Test
  void scrape_countsWhmCallsPushesAndAFailingWhmCall_andShowsTheSpoolAndTheLastAcceptedSync() throws Exception {
    double startedAt = System.currentTimeMillis() / 1000.0;
    agent = startAgent("127.0.0.1:0");
    Await.until(WAIT, "first snapshot accepted", () ->
        value("cphub_agent_pushes_total{kind=\"snapshot\",result=\"accepted\"}") == 1.0);
    assertThat(registry.serverOf(domain("alice"))).isEqualTo(S1);
    Map<String, Double> first = scrape();
    assertThat(first.get("cphub_agent_last_accepted_sync_timestamp_seconds")).isGreaterThanOrEqualTo(startedAt - 1);
    assertThat(first.get("cphub_agent_whm_call_seconds_count{function=\"listaccts\"}")).isGreaterThanOrEqualTo(1.0);
    assertThat(first.get("cphub_agent_whm_call_seconds_count{function=\"get_domain_info\"}")).isGreaterThanOrEqualTo(1.0);
    assertThat(first.get("cphub_agent_whm_call_seconds_bucket{function=\"listaccts\",le=\"+Inf\"}"))
        .isEqualTo(first.get("cphub_agent_whm_call_seconds_count{function=\"listaccts\"}"));
    assertThat(first).doesNotContainKey("cphub_agent_whm_call_errors_total{function=\"accountsummary\",kind=\"http\"}");
    assertThat(first.get("cphub_agent_pushes_total{kind=\"account\",result=\"refused\"}")).isEqualTo(0.0);
    assertThat(first.get("cphub_agent_spool_depth")).isEqualTo(0.0);
    assertThat(first.get("cphub_build_info{component=\"agent\",version=\"" + io.cphub.agent.Wiring.version() + "\"}"))
        .isEqualTo(1.0);
    assertThat(first.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"))
        .contains("process_cpu_seconds_total");

    s1.fault(new Fault("http500", 0, "accountsummary"));
    s1.createAccount(SimAccount.of("carol", domain("carol")), false);
    Await.until(WAIT, "the failing accountsummary counted", () ->
        value("cphub_agent_whm_call_errors_total{function=\"accountsummary\",kind=\"http\"}") >= 1.0);
    Map<String, Double> failing = scrape();
    assertThat(failing.get("cphub_agent_spool_depth")).isGreaterThanOrEqualTo(1.0);
    assertThat(failing).doesNotContainKey("cphub_agent_whm_call_errors_total{function=\"listaccts\",kind=\"http\"}");
    assertThat(registry.serverOf(domain("carol"))).isNull();

    s1.fault(new Fault("none", 0, null));
    Await.until(WAIT, "carol pushed once WHM answers", () -> S1.equals(registry.serverOf(domain("carol"))));
    Await.until(WAIT, "spool drained", () -> value("cphub_agent_spool_depth") == 0.0);
    Map<String, Double> after = scrape();
    assertThat(after.get("cphub_agent_pushes_total{kind=\"account\",result=\"accepted\"}")).isGreaterThanOrEqualTo(1.0);
    assertThat(after.get("cphub_agent_whm_call_seconds_count{function=\"accountsummary\"}"))
        .isGreaterThan(failing.get("cphub_agent_whm_call_errors_total{function=\"accountsummary\",kind=\"http\"}"));
    assertThat(after.get("cphub_agent_last_accepted_sync_timestamp_seconds"))
        .isEqualTo(first.get("cphub_agent_last_accepted_sync_timestamp_seconds"));
  }

  @Test
  void registryDown_pushesCountAsUnavailable_andTheAccountArrivesAfterItReturns() throws Exception {
    agent = startAgent("127.0.0.1:0");
    Await.until(WAIT, "first snapshot accepted", () ->
        value("cphub_agent_pushes_total{kind=\"snapshot\",result=\"accepted\"}") == 1.0);
    registry.stop();
    s1.createAccount(SimAccount.of("dave", domain("dave")), false);
    Await.until(WAIT, "a push to the stopped registry counted", () ->
        value("cphub_agent_pushes_total{kind=\"account\",result=\"unavailable\"}") >= 1.0);
    registry.restart();
    Await.until(WAIT, "dave pushed after the registry returned", () -> S1.equals(registry.serverOf(domain("dave"))));
    assertThat(value("cphub_agent_pushes_total{kind=\"account\",result=\"accepted\"}")).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void listener_answersOnlyGetMetrics() throws Exception {
    agent = startAgent("127.0.0.1:0");
    assertThat(get("POST", "/metrics").statusCode()).isEqualTo(405);
    assertThat(get("GET", "/").statusCode()).isEqualTo(404);
    assertThat(get("GET", "/metrics/../status").statusCode()).isEqualTo(404);
    assertThat(get("GET", "/metrics?name[]=x").statusCode()).isEqualTo(200);
  }

  @Test
  void emptyListen_startsNoListener_andAPortInUse_isRefusedNamingTheKey() throws Exception {
    agent = startAgent("");
    assertThat(agent.metricsPort()).isEqualTo(-1);
    agent.close();
    agent = null;
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      registry.close();
      registry = new RegistryHarness(PG.db());
      assertThatThrownBy(() -> startAgent("127.0.0.1:" + taken.getLocalPort())).isInstanceOf(AgentException.class)
          .hasMessageContaining("metrics.listen");
    }
  }
}
