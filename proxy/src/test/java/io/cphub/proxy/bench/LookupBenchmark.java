package io.cphub.proxy.bench;

import io.cphub.model.Login;
import io.cphub.proxy.route.Backend;
import io.cphub.proxy.route.RouteTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Lookups in a 1,000,000-domain table: the map alone, and Login.parse plus route as a request does it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class LookupBenchmark {
  static final int N = 1_000_000;
  RouteTable table;
  String[] keys;
  String[] logins;
  int i;

  @Setup
  public void setup() {
    Map<String, Integer> domains = new HashMap<>(N * 2);
    for (int d = 0; d < N; d++) {
      domains.put("customer" + d + ".example-hosting.com", 1 + d % 300);
    }
    List<Backend> servers = new ArrayList<>();
    for (int s = 1; s <= 300; s++) {
      servers.add(new Backend(s, "s" + s + ".hoster.test", "10.0." + (s / 250) + "." + (1 + s % 250), null, null, null,
          "active"));
    }
    table = RouteTable.of(UUID.randomUUID(), 1, domains, Map.of(), servers, RouteTable.Source.DATABASE, Instant.now());
    Random r = new Random(1);
    keys = new String[1 << 16];
    logins = new String[1 << 16];
    for (int k = 0; k < keys.length; k++) {
      int d = r.nextInt(N);
      keys[k] = new String("customer" + d + ".example-hosting.com");
      logins[k] = "Info@Customer" + d + ".example-hosting.com";
    }
  }

  @Benchmark
  public Backend tableGet() {
    i = (i + 1) & (keys.length - 1);
    return table.forDomain(keys[i]);
  }

  @Benchmark
  public Backend parseAndRoute() {
    i = (i + 1) & (logins.length - 1);
    return table.route(Login.parse(logins[i]));
  }

  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(new String[] {LookupBenchmark.class.getName()});
  }
}
