package io.cphub.registry.bench;

import io.cphub.db.Migrations;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.Snapshot;
import io.cphub.registry.Registry;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.registry.config.RegistryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads S simulated servers x D domains into an empty registry over HTTP, then re-sends the same
 * snapshots unchanged one at a time and reports median/p99 per snapshot and that nothing was
 * written. Creates and drops its own database on the PostgreSQL named by {@code -Dbench.admin-url}.
 * Run: {@code ./mvnw -B -ntp -pl registry -am -Pbench -DskipTests verify}.
 */
public final class RegistryBenchmark {
  static final String ADMIN = "bench-admin-token-0123456789";
  static final int ACCOUNTS_PER_SERVER = 100;

  private RegistryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String adminUrl = System.getProperty("bench.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    int servers = Integer.getInteger("bench.servers", 500);
    int domains = Integer.getInteger("bench.domains", 2000);
    int clients = Integer.getInteger("bench.clients", 8);
    String db = "cphub_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = adminUrl.replaceFirst("/postgres(\\?|$)", "/" + db + "$1");
    execute(adminUrl, "CREATE DATABASE " + db);
    try {
      Migrations.migrate(url, null, null);
      run(url, servers, domains, clients);
    } finally {
      execute(adminUrl, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
  }

  private static void run(String url, int servers, int domains, int clients) throws Exception {
    RegistryConfig config = ConfigLoader.of(Map.of("db.url", url, "db.user", "postgres", "db.pool-size",
        String.valueOf(clients), "http.port", "0", "http.max-body-bytes", String.valueOf(64 * 1024 * 1024),
        "http.worker-threads", String.valueOf(clients), "admin.token", ADMIN));
    try (Registry registry = Registry.start(config, Clock.systemUTC())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "http://127.0.0.1:" + registry.port();
      String[] tokens = new String[servers];
      byte[][] bodies = new byte[servers][];
      for (int s = 0; s < servers; s++) {
        byte[] enrol = Json.mapper().writeValueAsBytes(new EnrolRequest(name(s), "10." + (s / 250) + "." + (s % 250) + ".1",
            null, null, null));
        tokens[s] = Json.mapper().readValue(send(http, base + "/v1/servers", "POST", ADMIN, enrol, 201),
            EnrolResult.class).token();
        bodies[s] = Json.mapper().writeValueAsBytes(snapshot(s, domains));
      }
      System.out.printf("enrolled %d servers; snapshot body %d bytes%n", servers, bodies[0].length);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < servers; s++) {
        int i = s;
        done.add(pool.submit(() -> send(http, base + "/v1/servers/" + name(i) + "/snapshot", "PUT", tokens[i], bodies[i], 200)));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      long total = (long) servers * domains;
      System.out.printf("initial load: %d domains in %.1f s = %.0f domains/s (%d client threads)%n",
          total, seconds, total / seconds, clients);
      long routes = number(url, "SELECT count(*) FROM route");
      long version = number(url, "SELECT version FROM feed_head");
      long log = number(url, "SELECT count(*) FROM change_log");
      System.out.printf("routes %d, feed version %d, change_log rows %d%n", routes, version, log);
      double[] ms = new double[servers];
      for (int s = 0; s < servers; s++) {
        long t = System.nanoTime();
        send(http, base + "/v1/servers/" + name(s) + "/snapshot", "PUT", tokens[s], bodies[s], 200);
        ms[s] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf("unchanged re-send: median %.1f ms, p99 %.1f ms, max %.1f ms per %d-domain snapshot%n",
          ms[servers / 2], ms[(int) Math.ceil(servers * 0.99) - 1], ms[servers - 1], domains);
      long version2 = number(url, "SELECT version FROM feed_head");
      long log2 = number(url, "SELECT count(*) FROM change_log");
      System.out.printf("after re-send: feed version %d (before %d), change_log rows %d (before %d): %s%n",
          version2, version, log2, log, version2 == version && log2 == log ? "nothing written" : "WRITES HAPPENED");
    }
  }

  static String name(int s) {
    return String.format("s%03d.bench.hoster.test", s);
  }

  static Snapshot snapshot(int s, int domains) {
    List<AccountEntry> accounts = new ArrayList<>();
    int perAccount = domains / ACCOUNTS_PER_SERVER;
    for (int a = 0; a < ACCOUNTS_PER_SERVER; a++) {
      List<DomainEntry> d = new ArrayList<>();
      for (int i = 0; i < perAccount; i++) {
        d.add(new DomainEntry("c" + a + "-d" + i + ".s" + s + ".customer-example.com", i == 0 ? DomainKind.MAIN : DomainKind.ADDON));
      }
      accounts.add(new AccountEntry("u" + s + "x" + a, d.get(0).name(), "root", false, d));
    }
    return new Snapshot(accounts, new AgentState("bench", null, 0, null));
  }

  private static String send(HttpClient http, String uri, String method, String token, byte[] body, int expect)
      throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expect) {
      throw new IllegalStateException(method + " " + uri + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static long number(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
