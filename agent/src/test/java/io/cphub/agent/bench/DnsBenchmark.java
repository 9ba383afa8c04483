package io.cphub.agent.bench;

import io.cphub.agent.dns.DnsClient;
import io.cphub.agent.dns.DnsJournal;
import io.cphub.agent.dns.DnsReport;
import io.cphub.agent.dns.DnsRollback;
import io.cphub.agent.dns.DnsRollout;
import io.cphub.agent.dns.DnsSettings;
import io.cphub.agent.dns.ServerZone;
import io.cphub.agent.whm.WhmClient;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.StateGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.HttpUrl;

/**
 * {@code dns apply} zones per minute against one simulated server (not part of verify). Per run, on
 * a fresh simulator: the baseline (one {@code parse_dns_zone} per zone, what any pass must read),
 * {@code dns plan}, {@code dns apply --execute} with {@code dns.pause-ms=0}, then
 * {@code dns rollback}; and {@code apply} of 100 zones with the default 200 ms pause. Medians of
 * {@code runs}. Run: {@code ./mvnw -B -ntp -pl agent -am -Pdns-bench verify -DskipTests}
 * (arguments {@code [accounts] [runs]}, default 500 and 3).
 */
public final class DnsBenchmark {
  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Double> base = new ArrayList<>();
    List<Double> plan = new ArrayList<>();
    List<Double> apply = new ArrayList<>();
    List<Double> rollback = new ArrayList<>();
    List<Double> paused = new ArrayList<>();
    int zones = 0;
    for (int run = 1; run <= runs; run++) {
      Path dir = Files.createTempDirectory("cphub-dns-bench");
      try (Simulator sim = new Simulator(StateGenerator.generate(1, accounts, 5, "WT"), "127.0.0.1", 0,
          n -> HookSink.NONE, Clock.systemUTC())) {
        String name = sim.names().get(0);
        DnsClient client = new DnsClient(new WhmClient(HttpUrl.get("http://127.0.0.1:" + sim.port(name) + "/"), "root",
            "WT", Duration.ofSeconds(5), Duration.ofSeconds(60)));
        DnsJournal journal = new DnsJournal(dir.resolve("journal.jsonl"));
        DnsSettings s = new DnsSettings("mail.hoster.host", journal.file(), Duration.ZERO, 3, false);
        long t0 = System.nanoTime();
        List<ServerZone> all = client.zones();
        all.forEach(z -> client.read(z.zone()));
        zones = all.size();
        base.add(perMinute(zones, t0));
        t0 = System.nanoTime();
        DnsReport p = new DnsRollout(client, journal, s, Clock.systemUTC(), d -> { }).run(null, 0, false);
        plan.add(perMinute(p.zones().size(), t0));
        t0 = System.nanoTime();
        DnsReport a = new DnsRollout(client, journal, s, Clock.systemUTC(), d -> { }).run(null, 0, true);
        apply.add(perMinute(a.count("done"), t0));
        check(a.count("done") == zones, "apply did " + a.count("done") + " of " + zones);
        t0 = System.nanoTime();
        DnsReport r = new DnsRollback(client, journal, Clock.systemUTC()).run(null);
        rollback.add(perMinute(r.count("restored"), t0));
        check(r.count("restored") == zones, "rollback restored " + r.count("restored") + " of " + zones);
        DnsSettings slow = new DnsSettings("mail.hoster.host", dir.resolve("j2.jsonl"), Duration.ofMillis(200), 3,
            false);
        t0 = System.nanoTime();
        DnsReport b = new DnsRollout(client, new DnsJournal(slow.journal()), slow, Clock.systemUTC(),
            d -> Thread.sleep(d.toMillis())).run(null, 100, true);
        paused.add(perMinute(b.count("done"), t0));
      }
      System.out.printf("run %d: %d zones; baseline %.0f, plan %.0f, apply %.0f, rollback %.0f, apply paused %.0f"
          + " zones/min%n", run, zones, last(base), last(plan), last(apply), last(rollback), last(paused));
    }
    System.out.printf("median of %d runs, %d zones: baseline (parse_dns_zone only) %.0f zones/min; plan %.0f;"
        + " apply (pause 0) %.0f; rollback %.0f; apply with the default 200 ms pause (100 zones) %.0f%n", runs, zones,
        median(base), median(plan), median(apply), median(rollback), median(paused));
  }

  static double perMinute(long n, long startNanos) {
    return n * 60e9 / (System.nanoTime() - startNanos);
  }

  static double last(List<Double> l) {
    return l.get(l.size() - 1);
  }

  static double median(List<Double> l) {
    List<Double> s = new ArrayList<>(l);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }
}
