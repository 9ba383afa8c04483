package io.cphub.agent.bench;

import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.push.StatusFile;
import io.cphub.agent.push.SyncLoop;
import io.cphub.agent.push.SyncSettings;
import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmClient;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.Json;
import io.cphub.registry.Registry;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.registry.config.RegistryConfig;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.ScriptHookSink;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.state.StateGenerator;
import io.cphub.simulator.state.SimDomain;
import io.cphub.testkit.TestDatabase;
import io.cphub.testkit.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;

/**
 * Agent benchmark (not part of verify): one simulated server with 3,000 accounts and 15,000
 * domains, the real registry on PostgreSQL. Measures (1) a full sync by the agent as its own
 * process ({@code sync-once}, wall time and peak RSS), (2) in-process full syncs, cold and
 * unchanged, and (3) hook-to-route latency over 200 events with the default debounce and poll.
 * Run: {@code ./mvnw -B -ntp -pl agent -am -Pagent-bench verify -DskipTests}.
 */
public final class AgentBenchmark {
  static final String SERVER = "s001.hoster.test";
  static final String ADMIN = "admin-token-for-agent-bench-0123456789";

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dir = Files.createTempDirectory("cphub-agent-bench");
    TestDatabase db = TestDatabases.createMigrated();
    StateFile state = StateGenerator.generate(1, accounts, 5, "WT");
    Path spoolDir = dir.resolve("spool");
    new Spool(spoolDir).init();
    Path script = Path.of("src/main/dist/cphub-hook").toAbsolutePath();
    RegistryConfig registryConfig = ConfigLoader.of(Map.of("db.url", db.url(), "db.user", db.user(), "db.password",
        db.password() == null ? "" : db.password(), "db.pool-size", "4", "http.port", "0", "http.max-body-bytes",
        String.valueOf(64 * 1024 * 1024), "http.worker-threads", "4", "admin.token", ADMIN));
    try (Registry registry = Registry.start(registryConfig, Clock.systemUTC());
        Simulator sim = new Simulator(state, "127.0.0.1", 0, n -> new ScriptHookSink(script, spoolDir), Clock.systemUTC())) {
      String registryUrl = "http://127.0.0.1:" + registry.port() + "/";
      String whmUrl = "http://127.0.0.1:" + sim.port(SERVER) + "/";
      HttpClient http = HttpClient.newHttpClient();
      String token = enrol(http, registryUrl);
      System.out.printf("state: %d accounts, %d domains (get_domain_info rows incl. addon backing subs: %d)%n",
          accounts, accounts * 5, accounts * 6);

      Path config = dir.resolve("agent.properties");
      Files.writeString(config, String.join("\n", "server.name=" + SERVER, "registry.url=" + registryUrl,
          "registry.token=" + token, "whm.url=" + whmUrl, "whm.token=WT", "spool.dir=" + spoolDir,
          "status.file=" + dir.resolve("status.json"), ""));
      processSync(config, dir, "cold (first snapshot, every claim inserted)", "-Xmx256m");
      processSync(config, dir, "unchanged snapshot", "-Xmx256m");
      processSync(config, dir, "unchanged snapshot, small heap", "-Xmx48m");

      SyncLoop loop = loop(whmUrl, registryUrl, token, spoolDir, dir);
      List<Long> full = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        loop.fullSyncNow();
        full.add((System.nanoTime() - t0) / 1_000_000);
      }
      System.out.println("in-process full sync, unchanged, 5 runs (ms): " + full + " median " + median(full));

      Thread t = new Thread(loop, "bench-agent");
      t.start();
      SimulatedServer server = sim.server(SERVER);
      List<Long> latency = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        String user = String.format("u01%05d", 1 + (i * 7919) % accounts);
        String domain = "bench" + i + ".example";
        server.addDomain(user, new SimDomain(domain, "parked"));
        long t0 = System.nanoTime();
        while (!routed(http, registryUrl, domain)) {
          if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
            throw new IllegalStateException("no route for " + domain + " after 30 s");
          }
          Thread.sleep(2);
        }
        latency.add((System.nanoTime() - t0) / 1_000);
      }
      loop.close();
      t.join();
      Collections.sort(latency);
      System.out.printf("hook-to-route over %d events (ms): median %.1f p90 %.1f p99 %.1f max %.1f%n", events,
          latency.get(events / 2) / 1000.0, latency.get(events * 90 / 100) / 1000.0,
          latency.get(Math.min(events - 1, events * 99 / 100)) / 1000.0, latency.get(events - 1) / 1000.0);
    } finally {
      db.drop();
    }
  }

  static void processSync(Path config, Path dir, String what, String xmx) throws Exception {
    Path log = dir.resolve("sync-once.log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        xmx, "-cp", System.getProperty("java.class.path"), "io.cphub.agent.Main", "sync-once", "--config",
        config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    long peakKb = 0;
    while (p.isAlive()) {
      peakKb = Math.max(peakKb, vmHwmKb(p.pid()));
      Thread.sleep(20);
    }
    long wall = (System.nanoTime() - t0) / 1_000_000;
    String out = Files.readString(log, StandardCharsets.UTF_8);
    String line = out.lines().filter(l -> l.contains("full sync of")).findFirst().orElse("(no sync line) " + out);
    System.out.printf("sync-once process, %s: exit %d, process wall %d ms (incl. JVM start), peak RSS %d MB, %s%n  %s%n",
        what, p.exitValue(), wall, peakKb / 1024, xmx, line.substring(Math.max(0, line.indexOf("full sync of"))));
  }

  static long vmHwmKb(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      return 0;
    }
    return 0;
  }

  static SyncLoop loop(String whmUrl, String registryUrl, String token, Path spoolDir, Path dir) {
    SyncSettings s = new SyncSettings(SERVER, Duration.ofMinutes(30), Duration.ofMillis(250), Duration.ofMillis(100),
        Duration.ofSeconds(1), Duration.ofSeconds(60), "bench");
    return new SyncLoop(s, new WhmClient(HttpUrl.get(whmUrl), "root", "WT", Duration.ofSeconds(5), Duration.ofSeconds(60)),
        new RegistryClient(HttpUrl.get(registryUrl), SERVER, token, Duration.ofSeconds(30)), new Spool(spoolDir),
        new StatusFile(dir.resolve("status-inprocess.json")), Clock.systemUTC(), new Random());
  }

  static String enrol(HttpClient http, String base) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "v1/servers"))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(
            new EnrolRequest(SERVER, "10.0.0.1", null, null, null)))).build(), HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(r.body()).get("token").asText();
  }

  static boolean routed(HttpClient http, String base, String domain) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "v1/routes/" + domain))
        .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
