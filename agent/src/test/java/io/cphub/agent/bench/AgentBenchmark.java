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
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.hook.ScriptHookSink;
import io.cphub.simulator.hook.SpoolHookSink;
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
import okhttp3.HttpUrl;

/**
 * Agent benchmark (not part of verify): one simulated server with 3,000 accounts and 15,000
 * domains, the real registry on PostgreSQL. Measures (1) a full sync by the agent as its own
 * process ({@code sync-once}, wall time and peak RSS), (2) in-process full syncs, cold and
 * unchanged, and (3) hook event written to route in a proxy's table ({@link HookToProxy}), old
 * pacing against new in alternating rounds, and a burst of 50 events for one account. Arguments:
 * {@code [accounts=3000] [events per round=100] [rounds=2] [hook-only]}.
 * Run: {@code ./mvnw -B -ntp -pl agent -am -Pagent-bench verify -DskipTests}.
 */
public final class AgentBenchmark {
  static final String SERVER = "s001.hoster.test";
  static final String ADMIN = "admin-token-for-agent-bench-0123456789";

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    boolean hookOnly = args.length > 3 && args[3].equals("hook-only");
    Path dir = Files.createTempDirectory("cphub-agent-bench");
    TestDatabase db = TestDatabases.createMigrated();
    StateFile state = StateGenerator.generate(1, accounts, 5, "WT");
    Path spoolDir = dir.resolve("spool");
    new Spool(spoolDir).init();
    Path scriptPath = Path.of("src/main/dist/cphub-hook").toAbsolutePath();
    RegistryConfig registryConfig = ConfigLoader.of(Map.of("db.url", db.url(), "db.user", db.user(), "db.password",
        db.password() == null ? "" : db.password(), "db.pool-size", "4", "http.port", "0", "http.max-body-bytes",
        String.valueOf(64 * 1024 * 1024), "http.worker-threads", "4", "admin.token", ADMIN));
    try (Registry registry = Registry.start(registryConfig, Clock.systemUTC());
        Simulator sim = new Simulator(state, "127.0.0.1", 0, n -> new ScriptHookSink(scriptPath, spoolDir), Clock.systemUTC())) {
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
      if (!hookOnly) {
        processSync(config, dir, "cold (first snapshot, every claim inserted)", "-Xmx256m");
        processSync(config, dir, "unchanged snapshot", "-Xmx256m");
        processSync(config, dir, "unchanged snapshot, small heap", "-Xmx48m");
        SyncLoop loop = loop(whmUrl, registryUrl, token, spoolDir, dir, NEW);
        List<Long> full = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          long t0 = System.nanoTime();
          loop.fullSyncNow();
          full.add((System.nanoTime() - t0) / 1_000_000);
        }
        System.out.println("in-process full sync, unchanged, 5 runs (ms): " + full + " median " + median(full));
      }

      SimulatedServer server = sim.server(SERVER);
      try (HookToProxy bench = new HookToProxy(db, server, accounts, registryUrl)) {
        List<Long> old = new ArrayList<>();
        List<Long> now = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          old.addAll(bench.measure(() -> loop(whmUrl, registryUrl, token, spoolDir, dir, OLD), true, events));
          now.addAll(bench.measure(() -> loop(whmUrl, registryUrl, token, spoolDir, dir, NEW), false, events));
          System.out.printf("round %d: %s | %s%n", round + 1, HookToProxy.summary("old", old.subList(
              old.size() - events, old.size())), HookToProxy.summary("new", now.subList(now.size() - events, now.size())));
        }
        System.out.println("hook written -> route in the proxy table, " + HookToProxy.summary(
            "old pacing (step + 100 ms sleep, debounce 250 ms)", old));
        System.out.println("hook written -> route in the proxy table, " + HookToProxy.summary(
            "new pacing (watched spool, debounce 30 ms, max 1 s)", now));
        HookSink script = new ScriptHookSink(scriptPath, spoolDir);
        HookSink direct = new SpoolHookSink(spoolDir);
        for (boolean isOld : new boolean[] {true, false}) {
          SyncSettings settings = isOld ? OLD : NEW;
          String name = isOld ? "old" : "new";
          System.out.println("burst of 50 spool files written back to back, " + name + ": " + bench.burst(
              () -> loop(whmUrl, registryUrl, token, spoolDir, dir, settings), isOld, direct, script));
          System.out.println("burst of 50 events through the hook script (one process each), " + name + ": "
              + bench.burst(() -> loop(whmUrl, registryUrl, token, spoolDir, dir, settings), isOld, script, script));
        }
      }
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

  /** The pacing before this change: debounce 250 ms (at most 10x), spool scanned every 100 ms. */
  static final SyncSettings OLD = new SyncSettings(SERVER, Duration.ofMinutes(30), Duration.ofMillis(250),
      Duration.ofMillis(2500), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60), "bench");
  /** The defaults now: debounce 30 ms, at most 1 s, safety scan every second (the spool is watched). */
  static final SyncSettings NEW = new SyncSettings(SERVER, Duration.ofMinutes(30), Duration.ofMillis(30),
      Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60), "bench");

  static SyncLoop loop(String whmUrl, String registryUrl, String token, Path spoolDir, Path dir, SyncSettings s) {
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

  static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
