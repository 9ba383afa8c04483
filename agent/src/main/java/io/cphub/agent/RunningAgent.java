package io.cphub.agent;

import io.cphub.agent.config.AgentConfig;
import io.cphub.agent.metrics.AgentMetrics;
import io.cphub.agent.metrics.MetricsServer;
import io.cphub.agent.push.SyncLoop;
import io.cphub.agent.sessions.DepartureFollower;
import io.cphub.agent.sessions.KickCounter;
import io.cphub.agent.spool.Spool;
import java.time.Clock;

/**
 * What {@code serve} runs: the sync loop and the departures follower (session kicks), each on its
 * own thread, and, unless {@code metrics.listen} is empty, the metrics listener. Start once, close
 * once (from any thread).
 */
public final class RunningAgent implements AutoCloseable {
  private final SyncLoop loop;
  private final Thread thread;
  private final DepartureFollower departures;
  private final Thread departuresThread;
  private final MetricsServer metrics;

  private RunningAgent(SyncLoop loop, Thread thread, DepartureFollower departures, Thread departuresThread,
      MetricsServer metrics) {
    this.loop = loop;
    this.thread = thread;
    this.departures = departures;
    this.departuresThread = departuresThread;
    this.metrics = metrics;
  }

  public static RunningAgent start(AgentConfig c, Clock clock) {
    AgentMetrics metrics = new AgentMetrics(clock, Wiring.version());
    Spool spool = new Spool(c.spoolDir());
    metrics.spool(spool::depth);
    SyncLoop loop = Wiring.syncLoop(c, clock, metrics);
    KickCounter kicks = new KickCounter();
    metrics.kicks(kicks);
    DepartureFollower departures = Wiring.departures(c, kicks, metrics);
    MetricsServer server = c.metricsListen() == null ? null
        : MetricsServer.start(c.metricsListen().host(), c.metricsListen().port(), metrics.registry());
    Thread t = new Thread(loop, "cphub-sync");
    Thread d = new Thread(departures, "cphub-departures");
    t.start();
    d.start();
    return new RunningAgent(loop, t, departures, d, server);
  }

  /** The metrics listener's port; -1 when {@code metrics.listen} is empty. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Blocks until the sync loop has stopped. */
  public void awaitStop() throws InterruptedException {
    thread.join();
  }

  @Override
  public void close() {
    loop.close();
    departures.close();
    try {
      thread.join(10_000);
      departuresThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (metrics != null) {
      metrics.close();
    }
  }
}
