package io.cphub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.db.Migrations;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts cphub on one machine with an embedded PostgreSQL: the registry, a simulated cPanel
 * server with a few hundred accounts and its agent, and the proxy, each from its own jar exactly
 * as an operator would run them, then prints what to try. Ctrl-C stops everything.
 */
public final class Demo {
  static final String ADMIN_TOKEN = "demo-admin-token-change-me";
  static final String SECRET = "demo-shared-secret";
  static final String SERVER = "s001.hoster.test";
  static final String WHM_TOKEN = "demo-whm-token";

  private final Path home;
  private final Path work;
  private final DemoPorts ports = DemoPorts.pick();
  private final List<Child> children = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedPostgres postgres;

  Demo(Path home, Path work) {
    this.home = home;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Path home = DemoPorts.projectHome();
    Path work = Files.createTempDirectory("cphub-demo-");
    Demo demo = new Demo(home, work);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.stop();
      stopped.countDown();
    }, "demo-stop"));
    try {
      demo.start(accounts);
    } catch (RuntimeException e) {
      System.err.println("demo failed: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  void start(int accounts) throws IOException, InterruptedException {
    say("working directory " + work + " (logs of every process are here)");
    postgres = EmbeddedPostgres.builder().setPort(ports.postgres()).start();
    String url = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/postgres";
    say("embedded PostgreSQL on port " + ports.postgres() + ", schema version "
        + Migrations.migrate(url, "postgres", "postgres"));

    Path registryConf = properties("registry", Map.of("db.url", url, "db.user", "postgres", "db.password", "postgres",
        "http.host", "127.0.0.1", "http.port", ports.registry(), "admin.token", ADMIN_TOKEN));
    Child registry = launch("registry", "serve", "--config", registryConf.toString());
    registry.awaitPort(ports.registry(), Duration.ofSeconds(60));
    String registryUrl = "http://127.0.0.1:" + ports.registry();
    String token = enrol(registryUrl);
    say("registry on " + registryUrl + "; enrolled " + SERVER);

    Path state = work.resolve("whm-state.json");
    Child.run("simulator-generate", jar("simulator"), work, Duration.ofSeconds(60), "generate", "--accounts",
        Integer.toString(accounts), "--servers", "1", "--token", WHM_TOKEN, "--out", state.toString());
    Path spool = Files.createDirectories(work.resolve("spool"));
    Child whm = launch("simulator", "serve", "--state", state.toString(), "--port", Integer.toString(ports.whm()),
        "--bind", "127.0.0.1", "--spool-root", spool.toString());
    whm.awaitPort(ports.whm(), Duration.ofSeconds(60));
    say("simulated cPanel server " + SERVER + " with " + accounts + " accounts, WHM API on port " + ports.whm());

    Path agentSpool = Files.createDirectories(spool.resolve(SERVER));
    Path agentConf = properties("agent", Map.of("server.name", SERVER, "registry.url", registryUrl,
        "registry.token", token, "whm.url", "http://127.0.0.1:" + ports.whm(), "whm.user", "root",
        "whm.token", WHM_TOKEN, "spool.dir", agentSpool.toString(),
        "status.file", work.resolve("agent-status.json").toString(), "metrics.listen", "127.0.0.1:0"));
    launch("agent", "serve", "--config", agentConf.toString());

    Map<String, Object> proxySettings = new java.util.HashMap<>(Map.of("db.url", url, "db.user", "postgres",
        "db.password", "postgres", "auth.listen", "127.0.0.1:" + ports.auth(),
        "admin.listen", "127.0.0.1:" + ports.admin(), "auth.secret-header", "X-Cphub-Secret", "auth.secret", SECRET,
        "verify.mode", "none", "table.file", work.resolve("proxy-routes.bin").toString()));
    proxySettings.put("autoconfig.listen", "127.0.0.1:" + ports.autoconfig());
    proxySettings.put("autoconfig.public-hostname", "mail.hoster.test");
    proxySettings.put("autoconfig.display-name", "Hoster Mail");
    Path proxyConf = properties("proxy", proxySettings);
    Child proxy = launch("proxy", "serve", "--config", proxyConf.toString());
    proxy.awaitPort(ports.auth(), Duration.ofSeconds(60));

    String domain = firstDomain(state);
    awaitRoute(registryUrl, domain);
    new DemoGuide(ports, SECRET, ADMIN_TOKEN, domain).print(registryUrl);
  }

  private String enrol(String registryUrl) throws IOException, InterruptedException {
    byte[] body = Json.mapper().writeValueAsBytes(new EnrolRequest(SERVER, "127.0.0.1", null, null, null));
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/v1/servers"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      throw new IllegalStateException("enrolment refused: " + r.statusCode() + " " + new String(r.body()));
    }
    return Json.mapper().readValue(r.body(), EnrolResult.class).token();
  }

  private void awaitRoute(String registryUrl, String domain) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(registryUrl + "/v1/routes/" + domain))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
        say("the agent's first snapshot has arrived: " + domain + " routes to " + SERVER);
        return;
      }
      Child.pause(200);
    }
    throw new IllegalStateException("no route for " + domain + " after 90 s; see the agent and registry logs in " + work);
  }

  private static String firstDomain(Path state) throws IOException {
    JsonNode root = Json.mapper().readTree(state.toFile());
    return root.path("servers").path(0).path("accounts").path(0).path("domain").asText();
  }

  private Child launch(String name, String... args) {
    Child c = Child.start(name, jar(name), work, args);
    children.add(c);
    return c;
  }

  private Path jar(String module) {
    Path jar = home.resolve(module).resolve("target").resolve("cphub-" + module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
    }
    return jar;
  }

  private Path properties(String name, Map<String, Object> values) {
    StringBuilder b = new StringBuilder("# written by the cphub demo\n");
    values.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
    Path file = work.resolve(name + ".properties");
    try {
      return Files.writeString(file, b.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void stop() {
    say("stopping");
    for (int i = children.size() - 1; i >= 0; i--) {
      children.get(i).stop();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
      }
    }
  }

  static void say(String line) {
    System.out.println("[cphub demo] " + line);
  }
}
