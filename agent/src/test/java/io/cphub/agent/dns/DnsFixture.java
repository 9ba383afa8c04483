package io.cphub.agent.dns;

import io.cphub.agent.whm.WhmClient;
import io.cphub.simulator.SimulatedServer;
import io.cphub.simulator.Simulator;
import io.cphub.simulator.dns.ZoneLine;
import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import io.cphub.simulator.state.StateFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/** One simulated server with plain, addon, parked and IDN zones, and an agent's DNS parts wired to it over HTTP. */
final class DnsFixture implements AutoCloseable {
  static final String TARGET = "mail.hoster.host";
  static final String IDN = "xn--bcher-kva.example";
  final Simulator sim;
  final SimulatedServer server;
  final DnsClient client;
  final DnsJournal journal;
  final Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
  final List<Duration> pauses = new ArrayList<>();

  DnsFixture(Path dir) throws Exception {
    SimAccount alice = new SimAccount("alice", "alice.example", "root", false, null, null,
        List.of(new SimDomain("shop.example", "addon"), new SimDomain("alias.example", "parked"),
            new SimDomain("blog.alice.example", "sub")));
    List<SimAccount> accounts = List.of(alice, SimAccount.of("bob", "bob.example"), SimAccount.of("carol", IDN));
    sim = new Simulator(new StateFile(List.of(new ServerSpec("s1.test", "root", "T1", accounts))), "127.0.0.1", 0,
        name -> HookSink.NONE, clock);
    server = sim.server("s1.test");
    client = new DnsClient(new WhmClient(HttpUrl.get("http://127.0.0.1:" + sim.port("s1.test") + "/"), "root", "T1",
        Duration.ofSeconds(5), Duration.ofSeconds(5)));
    journal = new DnsJournal(dir.resolve("dns-journal.jsonl"));
  }

  DnsSettings settings(int staleRetries) {
    return new DnsSettings(TARGET, journal.file(), Duration.ofMillis(50), staleRetries, false);
  }

  DnsRollout rollout() {
    return new DnsRollout(client, journal, settings(3), clock, pauses::add);
  }

  DnsRollback rollback() {
    return new DnsRollback(client, journal, clock);
  }

  List<ZoneLine> lines(String zone) {
    return server.zones().zone(zone).lines();
  }

  /** The zone's lines with the SOA serial blanked: what must match byte for byte. */
  List<ZoneLine> content(String zone) {
    return lines(zone).stream().map(l -> l != null && l.isRecord() && l.type().equals("SOA")
        ? l.withData(l.data().get(0), l.data().get(1), "SERIAL", l.data().get(3), l.data().get(4), l.data().get(5),
            l.data().get(6)) : l).toList();
  }

  /** The record lines at one name (relative dname) of the zone. */
  List<ZoneLine> at(String zone, String dname) {
    return lines(zone).stream().filter(l -> l != null && l.isRecord() && dname.equals(l.dname())).toList();
  }

  int indexOf(String zone, String dname, String type) {
    List<ZoneLine> lines = lines(zone);
    for (int i = 0; i < lines.size(); i++) {
      ZoneLine l = lines.get(i);
      if (l != null && l.isRecord() && dname.equals(l.dname()) && type.equals(l.type())) {
        return i;
      }
    }
    throw new AssertionError("no " + dname + " " + type + " in " + zone);
  }

  @Override
  public void close() {
    sim.close();
  }
}
