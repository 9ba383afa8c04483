package io.cphub.agent.e2e;

import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.push.StatusFile;
import io.cphub.agent.push.SyncLoop;
import io.cphub.agent.push.SyncSettings;
import io.cphub.agent.spool.Spool;
import io.cphub.agent.whm.WhmClient;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.ScriptHookSink;
import io.cphub.simulator.state.StateFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import okhttp3.HttpUrl;

/**
 * Simulated cPanel servers whose hooks run the real hook script into per-server spools, and one
 * running agent (sync loop thread) per server, pushing to a real registry.
 */
final class Fleet implements AutoCloseable {
  static final Path HOOK_SCRIPT = Path.of("src/main/dist/cphub-hook").toAbsolutePath();
  final Simulator sim;
  final Path dir;
  private final List<SyncLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  Fleet(StateFile state, Path dir) throws Exception {
    this.dir = dir;
    this.sim = new Simulator(state, "127.0.0.1", 0, name -> new ScriptHookSink(HOOK_SCRIPT, spoolDir(name)),
        Clock.systemUTC());
    for (String name : sim.names()) {
      new Spool(spoolDir(name)).init();
    }
  }

  Path spoolDir(String server) {
    return dir.resolve("spool-" + server);
  }

  String whmUrl(String server) {
    return "http://127.0.0.1:" + sim.port(server) + "/";
  }

  /** Starts an agent for {@code server} in a thread. */
  SyncLoop startAgent(String server, String registryUrl, String token) {
    WhmClient whm = new WhmClient(HttpUrl.get(whmUrl(server)), "root", "WT", Duration.ofSeconds(2), Duration.ofSeconds(5));
    RegistryClient registry = new RegistryClient(HttpUrl.get(registryUrl), server, token, Duration.ofSeconds(5));
    SyncSettings settings = new SyncSettings(server, Duration.ofMinutes(30), Duration.ofMillis(50), Duration.ofMillis(20),
        Duration.ofMillis(200), Duration.ofSeconds(2), "e2e");
    SyncLoop loop = new SyncLoop(settings, whm, registry, new Spool(spoolDir(server)),
        new StatusFile(dir.resolve("status-" + server + ".json")), Clock.systemUTC(), new Random());
    Thread t = new Thread(loop, "agent-" + server);
    t.start();
    loops.add(loop);
    threads.add(t);
    return loop;
  }

  @Override
  public void close() throws InterruptedException {
    loops.forEach(SyncLoop::close);
    for (Thread t : threads) {
      t.join(10_000);
    }
    sim.close();
  }
}
