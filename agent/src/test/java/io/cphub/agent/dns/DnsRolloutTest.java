package io.cphub.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.AgentException;
import io.cphub.simulator.dns.ZoneLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsRolloutTest {
  static final List<String> ZONES = List.of("alias.example", "alice.example", "bob.example", "shop.example",
      DnsFixture.IDN);
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

  Map<String, List<ZoneLine>> all() {
    Map<String, List<ZoneLine>> m = new TreeMap<>();
    ZONES.forEach(z -> m.put(z, f.lines(z)));
    return m;
  }

  @Test
  void plan_coversEveryZone_changesNothing_andWritesNoJournal() {
    Map<String, List<ZoneLine>> before = all();
    DnsReport r = f.rollout().run(null, 0, false);
    assertThat(r.zones()).extracting(ZoneResult::zone).containsExactlyElementsOf(ZONES);
    assertThat(r.zones()).allSatisfy(z -> {
      assertThat(z.status()).isEqualTo("planned");
      assertThat(z.changes()).containsExactly(
          "autoconfig A 192.0.2.10 -> CNAME mail.hoster.host.",
          "autodiscover A 192.0.2.10 -> CNAME mail.hoster.host.",
          "_autodiscover._tcp SRV 0 0 443 cpanelemaildiscovery.cpanel.net. -> SRV 0 0 443 mail.hoster.host.");
    });
    assertThat(r.tweaks()).extracting(TweakChange::key, TweakChange::current, TweakChange::wanted).containsExactly(
        org.assertj.core.groups.Tuple.tuple("overwritecustomproxysubdomains", "0", "0"),
        org.assertj.core.groups.Tuple.tuple("overwritecustomsrvrecords", "0", "0"),
        org.assertj.core.groups.Tuple.tuple("autodiscover_host", "cpanelemaildiscovery.cpanel.net", "mail.hoster.host"));
    assertThat(r.tweakNote()).isEqualTo("would be set");
    assertThat(all()).isEqualTo(before);
    assertThat(Files.exists(f.journal.file())).isFalse();
    assertThat(r.table()).contains("dry run: nothing was changed");
    assertThat(r.json()).contains("\"status\" : \"planned\"");
  }

  @Test
  void apply_pointsTheThreeNames_andTouchesNoOtherLine() {
    Map<String, List<ZoneLine>> before = all();
    DnsReport r = f.rollout().run(null, 0, true);
    assertThat(r.count("done")).isEqualTo(5);
    for (String z : ZONES) {
      List<ZoneLine> was = before.get(z);
      List<ZoneLine> now = f.lines(z);
      assertThat(now).hasSameSizeAs(was);
      for (int i = 0; i < was.size(); i++) {
        ZoneLine w = was.get(i);
        String name = w.isRecord() ? w.dname() : "";
        if (name.equals("autoconfig") || name.equals("autodiscover")) {
          assertThat(now.get(i)).isEqualTo(ZoneLine.record(name, 14400, "CNAME", "mail.hoster.host."));
        } else if (name.equals("_autodiscover._tcp")) {
          assertThat(now.get(i).data()).containsExactly("0", "0", "443", "mail.hoster.host.");
        } else if (!"SOA".equals(w.type())) {
          assertThat(now.get(i)).as(z + " line " + i).isEqualTo(w);
        }
      }
      assertThat(f.at(z, "mail")).containsExactly(ZoneLine.record("mail", 14400, "CNAME", z + "."));
      assertThat(f.at(z, z + ".").stream().filter(l -> l.type().equals("MX")))
          .containsExactly(ZoneLine.record(z + ".", 14400, "MX", "0", z + "."));
    }
    assertThat(f.server.zones().tweak("autodiscover_host")).isEqualTo("mail.hoster.host");
    assertThat(r.tweakNote()).isEqualTo("set");
    assertThat(f.pauses).hasSize(5);
    assertThat(f.journal.read()).filteredOn(e -> e.status().equals("planned") && e.kind().equals("zone")).hasSize(5);
  }

  @Test
  void secondApply_findsEverythingDone_andChangesNothing() {
    f.rollout().run(null, 0, true);
    Map<String, List<ZoneLine>> after = all();
    DnsReport again = f.rollout().run(null, 0, true);
    assertThat(again.zones()).extracting(ZoneResult::status).containsOnly("unchanged");
    assertThat(all()).isEqualTo(after);
  }

  @Test
  void customisedRecords_areLeftAloneAndReported_theRestOfTheZoneIsDone() {
    var bob = f.server.zones().zone("bob.example");
    bob.put(f.indexOf("bob.example", "autoconfig", "A"), ZoneLine.record("autoconfig", 300, "A", "203.0.113.5"));
    bob.put(f.indexOf("bob.example", "autodiscover", "A"),
        ZoneLine.record("autodiscover", 3600, "CNAME", "autodiscover.outlook.com."));
    var alias = f.server.zones().zone("alias.example");
    alias.put(f.indexOf("alias.example", "_autodiscover._tcp", "SRV"),
        ZoneLine.record("_autodiscover._tcp", 3600, "SRV", "0", "0", "443", "autodiscover.outlook.com."));
    List<ZoneLine> bobBefore = f.content("bob.example");

    DnsReport r = f.rollout().run(null, 0, true);

    ZoneResult b = r.zones().stream().filter(z -> z.zone().equals("bob.example")).findFirst().orElseThrow();
    assertThat(b.status()).isEqualTo("done");
    assertThat(b.skipped()).contains(
        "autoconfig.bob.example: customised A 203.0.113.5 (cPanel would write 192.0.2.10)",
        "autodiscover.bob.example: customised CNAME autodiscover.outlook.com. (cPanel would write 192.0.2.10)");
    assertThat(f.at("bob.example", "autoconfig")).containsExactly(ZoneLine.record("autoconfig", 300, "A", "203.0.113.5"));
    assertThat(f.at("bob.example", "autodiscover"))
        .containsExactly(ZoneLine.record("autodiscover", 3600, "CNAME", "autodiscover.outlook.com."));
    assertThat(f.content("bob.example").stream().filter(l -> l != null && !"_autodiscover._tcp".equals(l.dname())))
        .containsExactlyElementsOf(bobBefore.stream().filter(l -> l != null && !"_autodiscover._tcp".equals(l.dname()))
            .toList());
    ZoneResult a = r.zones().stream().filter(z -> z.zone().equals("alias.example")).findFirst().orElseThrow();
    assertThat(a.skipped()).contains("_autodiscover._tcp.alias.example: customised SRV 0 0 443 autodiscover.outlook.com.");
    // cPanel's own SRV rewrite (autodiscover_host changed) must not reach the customer's SRV either
    assertThat(f.at("alias.example", "_autodiscover._tcp").get(0).data()).contains("autodiscover.outlook.com.");
  }

  @Test
  void clusterFailure_leavesThatZoneAsItWas_othersGoOn_tweaksNotSet() {
    f.server.zones().failCluster("alice.example", -1);
    List<ZoneLine> before = f.content("alice.example");
    DnsReport r = f.rollout().run(null, 0, true);
    ZoneResult alice = r.zones().stream().filter(z -> z.zone().equals("alice.example")).findFirst().orElseThrow();
    assertThat(alice.status()).isEqualTo("failed");
    assertThat(alice.error()).contains("dnsadmin").contains("dns2.hoster.test");
    assertThat(f.content("alice.example")).isEqualTo(before);
    assertThat(r.count("done")).isEqualTo(4);
    assertThat(r.tweakNote()).startsWith("not set: 1 zone(s) failed");
    assertThat(f.server.zones().tweak("autodiscover_host")).isEqualTo("cpanelemaildiscovery.cpanel.net");
    assertThat(r.anyFailed()).isTrue();
  }

  @Test
  void staleSerial_isReReadAndRetried() {
    f.server.zones().staleAfterRead("bob.example", 2);
    DnsReport r = f.rollout().run("bob.example", 0, true);
    assertThat(r.zones()).singleElement().satisfies(z -> {
      assertThat(z.status()).isEqualTo("done");
      assertThat(z.attempts()).isEqualTo(3);
    });
    assertThat(f.at("bob.example", "autoconfig")).containsExactly(
        ZoneLine.record("autoconfig", 14400, "CNAME", "mail.hoster.host."));
  }

  @Test
  void serialThatStaysStale_failsAfterTheRetries_andLeavesTheRecords() {
    f.server.zones().staleAfterRead("bob.example", -1);
    List<ZoneLine> before = f.content("bob.example");
    DnsReport r = new DnsRollout(f.client, f.journal, f.settings(2), f.clock, f.pauses::add).run("bob.example", 0, true);
    assertThat(r.zones()).singleElement().satisfies(z -> {
      assertThat(z.status()).isEqualTo("failed");
      assertThat(z.attempts()).isEqualTo(3);
      assertThat(z.error()).contains("stale after 3 attempts").contains("Stale");
    });
    assertThat(f.content("bob.example")).isEqualTo(before);
  }

  @Test
  void idnZone_isFoundByItsUnicodeName_andKeepsRawBytes() {
    var z = f.server.zones().zone(DnsFixture.IDN);
    String raw = new String(new byte[] {'v', '=', (byte) 0xfc, (byte) 0xff, 'x'}, java.nio.charset.StandardCharsets.ISO_8859_1);
    z.put(z.lines().size(), ZoneLine.record("bücher-note", 14400, "TXT", raw));
    List<ZoneLine> before = f.content(DnsFixture.IDN);
    DnsReport r = f.rollout().run("bücher.example", 0, true);
    assertThat(r.zones()).singleElement().extracting(ZoneResult::zone, ZoneResult::status)
        .containsExactly(DnsFixture.IDN, "done");
    assertThat(f.at(DnsFixture.IDN, "autoconfig")).containsExactly(
        ZoneLine.record("autoconfig", 14400, "CNAME", "mail.hoster.host."));
    assertThat(f.lines(DnsFixture.IDN).get(before.size() - 1)).isEqualTo(before.get(before.size() - 1));
    f.rollback().run(null);
    assertThat(f.content(DnsFixture.IDN)).isEqualTo(before);
  }

  @Test
  void zonesLimit_changesOnlyThatMany_andLeavesTheTweaks() {
    DnsReport r = f.rollout().run(null, 2, true);
    assertThat(r.count("done")).isEqualTo(2);
    assertThat(f.at("bob.example", "autoconfig").get(0).type()).isEqualTo("A");
    assertThat(r.tweakNote()).contains("did not cover every zone");
    assertThat(f.server.zones().tweak("autodiscover_host")).isEqualTo("cpanelemaildiscovery.cpanel.net");
  }

  @Test
  void unknownOnlyDomain_isRefused_andChangesNothing() {
    Map<String, List<ZoneLine>> before = all();
    assertThatThrownBy(() -> f.rollout().run("nowhere.example", 0, true)).isInstanceOf(AgentException.class)
        .hasMessageContaining("no zone nowhere.example");
    assertThatThrownBy(() -> f.rollout().run("bad name!", 0, true)).isInstanceOf(IllegalArgumentException.class);
    assertThat(all()).isEqualTo(before);
    assertThat(Files.exists(f.journal.file())).isFalse();
  }

  @Test
  void missingTarget_isAConfigErrorNamingTheKey() {
    DnsRollout r = new DnsRollout(f.client, f.journal,
        new DnsSettings("", f.journal.file(), java.time.Duration.ZERO, 3, false), f.clock, d -> { });
    assertThatThrownBy(() -> r.run(null, 0, false)).hasMessageContaining("dns.target");
  }
}
