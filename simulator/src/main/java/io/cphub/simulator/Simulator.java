package io.cphub.simulator;

import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.StateFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Many simulated servers in one process, one HTTP port each (ports {@code basePort + i}, or all
 * ephemeral when {@code basePort} is 0). Hooks of each server go where {@code hooks} says.
 */
public final class Simulator implements AutoCloseable {
  private final Map<String, SimulatorHttp> servers = new LinkedHashMap<>();

  public Simulator(StateFile state, String bindHost, int basePort, Function<String, HookSink> hooks, Clock clock)
      throws IOException {
    InetAddress host = InetAddress.getByName(bindHost);
    int i = 0;
    try {
      for (ServerSpec spec : state.servers()) {
        SimulatedServer s = new SimulatedServer(spec);
        s.hooks(hooks.apply(spec.name()));
        int port = basePort == 0 ? 0 : basePort + i;
        servers.put(spec.name(), new SimulatorHttp(s, new InetSocketAddress(host, port), this::server, clock));
        i++;
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The server of that name, or null. */
  public SimulatedServer server(String name) {
    SimulatorHttp h = servers.get(name);
    return h == null ? null : h.server();
  }

  /** Connections open now on the port of the server of that name. */
  public int openConnections(String name) {
    SimulatorHttp h = servers.get(name);
    if (h == null) {
      throw new SimulatorException("no simulated server " + name);
    }
    return h.openConnections();
  }

  /** The port the server of that name listens on. */
  public int port(String name) {
    SimulatorHttp h = servers.get(name);
    if (h == null) {
      throw new SimulatorException("no simulated server " + name);
    }
    return h.port();
  }

  public List<String> names() {
    return List.copyOf(servers.keySet());
  }

  /** The current state of every server, for saving. */
  public StateFile snapshot() {
    List<ServerSpec> specs = new ArrayList<>();
    servers.values().forEach(h -> specs.add(h.server().spec()));
    return new StateFile(specs);
  }

  @Override
  public void close() {
    servers.values().forEach(SimulatorHttp::close);
  }
}
