package io.cphub.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.config.ConfigException;
import io.cphub.model.wire.DnsProgress;
import io.cphub.simulator.dns.ZoneLine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dns.addresses}: A/AAAA records to configured addresses instead of the CNAME; and the progress file. */
class DnsAddressesTest {
  static final List<String> ADDRESSES = List.of("192.0.2.80", "2001:db8::80");
  @TempDir Path tmp;
  DnsFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new DnsFixture(tmp);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  DnsRollout rollout(List<String> addresses) {
    return new DnsRollout(f.client, f.journal, new DnsSettings(DnsFixture.TARGET, f.journal.file(), Duration.ofMillis(1),
        3, false, addresses, tmp.resolve("progress.json")), f.clock, f.pauses::add);
  }

  List<ZoneLine> records(String zone) {
    return f.content(zone).stream().filter(Objects::nonNull).toList();
  }

  @Test
  void addresses_replaceCpanelsA_withOneRecordPerAddress_srvStillNamesTheHost() {
    List<ZoneLine> before = records("bob.example");
    DnsReport r = rollout(ADDRESSES).run(null, 0, true);
    assertThat(r.count("done")).isEqualTo(5);
    for (String label : List.of("autoconfig", "autodiscover")) {
      assertThat(f.at("bob.example", label)).containsExactlyInAnyOrder(
          ZoneLine.record(label, 14400, "A", "192.0.2.80"), ZoneLine.record(label, 14400, "AAAA", "2001:db8::80"));
    }
    assertThat(f.at("bob.example", "_autodiscover._tcp").get(0).data()).containsExactly("0", "0", "443",
        "mail.hoster.host.");
    assertThat(f.at("bob.example", "mail")).containsExactly(ZoneLine.record("mail", 14400, "CNAME", "bob.example."));
    assertThat(rollout(ADDRESSES).run(null, 0, true).zones()).extracting(ZoneResult::status).containsOnly("unchanged");

    f.rollback().run(null);
    assertThat(records("bob.example")).as("rollback removes the added records, restores the edited").isEqualTo(before);
  }

  @Test
  void cnameFromAnEarlierRun_becomesTheAddresses() {
    f.rollout().run("bob.example", 0, true);
    assertThat(f.at("bob.example", "autoconfig")).containsExactly(
        ZoneLine.record("autoconfig", 14400, "CNAME", "mail.hoster.host."));
    DnsReport r = rollout(List.of("192.0.2.81")).run("bob.example", 0, true);
    assertThat(r.zones()).singleElement().extracting(ZoneResult::status).isEqualTo("done");
    assertThat(f.at("bob.example", "autoconfig")).containsExactly(ZoneLine.record("autoconfig", 14400, "A", "192.0.2.81"));
  }

  @Test
  void customerAddress_isLeftAloneAndReported() {
    var bob = f.server.zones().zone("bob.example");
    bob.put(f.indexOf("bob.example", "autoconfig", "A"), ZoneLine.record("autoconfig", 300, "A", "203.0.113.5"));
    DnsReport r = rollout(ADDRESSES).run("bob.example", 0, true);
    assertThat(r.zones().get(0).skipped()).contains("autoconfig.bob.example: customised A 203.0.113.5");
    assertThat(f.at("bob.example", "autoconfig")).containsExactly(ZoneLine.record("autoconfig", 300, "A", "203.0.113.5"));
  }

  @Test
  void addressesThatAreNotIpLiterals_areRefusedNamingTheKey() {
    for (String bad : List.of("mail.hoster.host", "1.2", "192.0.2.300", "2001:db8::g", "")) {
      assertThatThrownBy(() -> new DnsSettings("mail.hoster.host", tmp.resolve("j"), Duration.ZERO, 1, false,
          List.of(bad), tmp.resolve("p"))).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("dns.addresses");
    }
  }

  @Test
  void progress_countsTheLastStatusOfEveryZone_acrossLimitedRuns_andRollbackClearsIt() {
    DnsProgressFile p = new DnsProgressFile(tmp.resolve("progress.json"));
    Instant at = Instant.parse("2026-12-01T12:00:00Z");
    assertThat(p.progress()).isNull();
    p.record(rollout(ADDRESSES).run(null, 0, false), null, 0, at);
    assertThat(p.progress()).as("a dry run is not progress").isNull();
    f.server.zones().failCluster("alice.example", -1);
    p.record(rollout(ADDRESSES).run(null, 2, true), null, 2, at);
    assertThat(p.progress()).as("two zones changed, one failed on the way, two not reached")
        .isEqualTo(new DnsProgress(2, 0, 1, 2, at));
    p.record(rollout(ADDRESSES).run(null, 0, true), null, 0, at);
    assertThat(p.progress()).isEqualTo(new DnsProgress(4, 0, 1, 0, at));
    p.rolledBack("bob.example");
    assertThat(p.progress()).isEqualTo(new DnsProgress(3, 0, 1, 1, at));
    p.rolledBack(null);
    assertThat(p.progress()).isNull();
  }
}
