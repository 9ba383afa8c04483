package io.cphub.simulator;

import io.cphub.model.wire.Json;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.hook.ScriptHookSink;
import io.cphub.simulator.hook.SpoolHookSink;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.state.StateGenerator;
import io.cphub.simulator.whm.Fault;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The simulator's command line: {@code serve} and {@code generate}. */
@Command(name = "cphub-simulator", mixinStandardHelpOptions = true,
    description = "A WHM API 1 server for tests, the demo and benchmarks.",
    subcommands = {Main.Serve.class, Main.Generate.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Command(name = "serve", description = "Serve the servers of a state file, one port each.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--state", required = true, description = "state file (JSON)")
    Path state;
    @Option(names = "--port", defaultValue = "2086", description = "port of the first server; the i-th gets port+i; 0 = ephemeral")
    int port;
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to bind")
    String bind;
    @Option(names = "--spool-root", description = "write hook events into DIR/<server name>/new")
    Path spoolRoot;
    @Option(names = "--hook-script", description = "deliver hook payloads through this script (needs --spool-root)")
    Path hookScript;
    @Option(names = "--save-on-exit", description = "write the current state back to --state on shutdown")
    boolean save;
    @Option(names = "--fault", description = "initial fault and connection behaviour of every server, JSON as for "
        + "PUT /admin/fault, e.g. {\"connection\":\"http10\"}")
    String fault;

    @Override
    public Integer call() throws Exception {
      StateFile file = StateFile.read(state);
      Fault initial = fault == null ? Fault.NONE : Json.mapper().readValue(fault, Fault.class);
      Simulator sim = new Simulator(file, bind, port, this::sink, Clock.systemUTC());
      for (String name : sim.names()) {
        sim.server(name).fault(initial);
      }
      for (String name : sim.names()) {
        System.out.println(name + " " + bind + ":" + sim.port(name));
      }
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (save) {
          sim.snapshot().write(state);
        }
        sim.close();
        stop.countDown();
      }, "simulator-shutdown"));
      stop.await();
      return 0;
    }

    private HookSink sink(String server) {
      if (spoolRoot == null) {
        return HookSink.NONE;
      }
      Path dir = spoolRoot.resolve(server);
      return hookScript == null ? new SpoolHookSink(dir) : new ScriptHookSink(hookScript, dir);
    }
  }

  @Command(name = "generate", description = "Write a synthetic state file.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--servers", defaultValue = "1")
    int servers;
    @Option(names = "--accounts", required = true, description = "accounts per server")
    int accounts;
    @Option(names = "--domains-per-account", defaultValue = "5",
        description = "domains per account: main, parked, addon, sub, wildcard sub, ...")
    int domains;
    @Option(names = "--token", required = true, description = "WHM API token every server accepts (user root)")
    String token;
    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() {
      StateGenerator.generate(servers, accounts, domains, token).write(out);
      return 0;
    }
  }
}
