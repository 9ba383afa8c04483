package io.cphub.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.simulator.dns.ZoneLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsRollbackTest {
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

  Map<String, List<ZoneLine>> content() {
    Map<String, List<ZoneLine>> m = new TreeMap<>();
    f.server.zones().names().forEach(z -> m.put(z, f.content(z)));
    return m;
  }

  @Test
  void rollback_restoresEveryLineByteForByte_andTheTweakSettings() {
    f.server.zones().tweak("overwritecustomproxysubdomains", "1");
    Map<String, List<ZoneLine>> before = content();
    f.rollout().run(null, 0, true);
    assertThat(content()).isNotEqualTo(before);
    assertThat(f.server.zones().tweak("overwritecustomproxysubdomains")).isEqualTo("0");

    DnsReport r = f.rollback().run(null);

    assertThat(r.count("restored")).isEqualTo(5);
    assertThat(content()).isEqualTo(before);
    assertThat(f.server.zones().tweak("autodiscover_host")).isEqualTo("cpanelemaildiscovery.cpanel.net");
    assertThat(f.server.zones().tweak("overwritecustomproxysubdomains")).isEqualTo("1");
  }

  @Test
  void secondRollback_changesNothing() {
    f.rollout().run(null, 0, true);
    f.rollback().run(null);
    Map<String, List<ZoneLine>> once = content();
    List<Long> serials = f.server.zones().names().stream().map(z -> f.server.zones().zone(z).serial()).toList();
    DnsReport again = f.rollback().run(null);
    assertThat(again.zones()).extracting(ZoneResult::status).containsOnly("unchanged");
    assertThat(content()).isEqualTo(once);
    assertThat(f.server.zones().names().stream().map(z -> f.server.zones().zone(z).serial()).toList())
        .isEqualTo(serials);
  }

  @Test
  void ipv6Zone_losesItsAaaaOnApply_andGetsThemBackOnRollback() {
    f.server.zones().ipv6("bob.example", "2001:db8::10");
    List<ZoneLine> before = f.content("bob.example");
    assertThat(f.at("bob.example", "autoconfig")).extracting(ZoneLine::type).containsExactly("A", "AAAA");
    DnsReport r = f.rollout().run("bob.example", 0, true);
    assertThat(r.zones().get(0).changes()).contains("autoconfig AAAA 2001:db8::10 -> (removed)");
    assertThat(f.at("bob.example", "autoconfig")).containsExactly(
        ZoneLine.record("autoconfig", 14400, "CNAME", "mail.hoster.host."));
    assertThat(f.at("bob.example", "bob.example.")).extracting(ZoneLine::type).contains("AAAA");

    f.rollback().run("bob.example");

    // The AAAA records come back identical; cPanel's editor appends added lines, so they sit at the end.
    List<ZoneLine> after = f.content("bob.example").stream().filter(l -> l != null).toList();
    assertThat(after).containsExactlyInAnyOrderElementsOf(before.stream().filter(l -> l != null).toList());
  }

  @Test
  void recordEditedByHandAfterApply_isAConflict_andLeftAlone() {
    f.rollout().run("bob.example", 0, true);
    var bob = f.server.zones().zone("bob.example");
    int i = f.indexOf("bob.example", "autoconfig", "CNAME");
    bob.put(i, ZoneLine.record("autoconfig", 300, "CNAME", "elsewhere.example."));
    List<ZoneLine> edited = f.content("bob.example");

    DnsReport r = f.rollback().run("bob.example");

    assertThat(r.zones()).singleElement().satisfies(z -> {
      assertThat(z.status()).isEqualTo("conflict");
      assertThat(z.skipped().get(0)).contains("line " + i).contains("elsewhere.example.");
    });
    assertThat(f.content("bob.example")).isEqualTo(edited);
    assertThat(r.anyFailed()).isTrue();
  }

  @Test
  void rollbackAfterAFailedApply_hasNothingToUndo() {
    f.server.zones().failCluster("bob.example", -1);
    List<ZoneLine> before = f.content("bob.example");
    f.rollout().run("bob.example", 0, true);
    f.server.zones().failCluster("bob.example", 0);
    DnsReport r = f.rollback().run("bob.example");
    assertThat(r.zones()).extracting(ZoneResult::status).containsExactly("unchanged");
    assertThat(f.content("bob.example")).isEqualTo(before);
  }

  @Test
  void cpanelRebuildingItsServiceRecords_keepsTheCnames_onceTheTweakIsSet() {
    f.server.zones().tweak("overwritecustomproxysubdomains", "1");
    f.rollout().run(null, 0, true);
    f.server.zones().tweak("autodiscover_proxy_subdomains", "0");
    f.server.zones().tweak("autodiscover_proxy_subdomains", "1");
    f.server.zones().rebuildProxySubdomains();
    assertThat(f.at("alice.example", "autoconfig")).containsExactly(
        ZoneLine.record("autoconfig", 14400, "CNAME", "mail.hoster.host."));
    // Without the agent's tweak, the same rebuild writes cPanel's A back over the CNAME:
    f.server.zones().tweak("overwritecustomproxysubdomains", "1");
    f.server.zones().rebuildProxySubdomains();
    assertThat(f.at("alice.example", "autoconfig")).containsExactly(
        ZoneLine.record("autoconfig", 14400, "A", "192.0.2.10"));
  }

  @Test
  void newZoneCreatedAfterApply_getsTheCentralSrvFromCpanel_andRollbackPutsItBack() {
    f.rollout().run(null, 0, true);
    f.server.createAccount(io.cphub.simulator.state.SimAccount.of("dave", "dave.example"), false);
    assertThat(f.at("dave.example", "_autodiscover._tcp").get(0).data()).contains("mail.hoster.host.");
    f.rollback().run(null);
    assertThat(f.at("dave.example", "_autodiscover._tcp").get(0).data()).contains("cpanelemaildiscovery.cpanel.net.");
  }
}
