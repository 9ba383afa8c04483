package io.cphub.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.config.ConfigException;
import io.cphub.simulator.dns.ZoneLine;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsManagedTest {
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

  @Test
  void newAccountAndNewParkedDomain_getTheirRecordsPointed_otherAccountsUntouched() {
    f.server.createAccount(SimAccount.of("dave", "dave.example"), false);
    DnsManaged managed = new DnsManaged(f.client, f.rollout());
    List<ZoneLine> alice = f.content("alice.example");
    managed.accept("dave");
    assertThat(f.at("dave.example", "autoconfig")).containsExactly(
        ZoneLine.record("autoconfig", 14400, "CNAME", "mail.hoster.host."));
    f.server.addDomain("dave", new SimDomain("dave-alias.example", "parked"));
    managed.accept("dave");
    assertThat(f.at("dave-alias.example", "autodiscover")).containsExactly(
        ZoneLine.record("autodiscover", 14400, "CNAME", "mail.hoster.host."));
    assertThat(f.content("alice.example")).isEqualTo(alice);
    assertThat(f.server.zones().tweak("autodiscover_host")).isEqualTo("cpanelemaildiscovery.cpanel.net");
  }

  @Test
  void treatedZones_countInTheProgress_onTopOfAnEarlierApply() {
    DnsProgressFile progress = new DnsProgressFile(tmp.resolve("progress.json"));
    progress.record(f.rollout().run(null, 0, true), null, 0, f.clock.instant());
    assertThat(progress.progress().done()).isEqualTo(5);
    f.server.createAccount(SimAccount.of("dave", "dave.example"), false);
    f.server.zones().failCluster("dave.example", -1);
    new DnsManaged(f.client, f.rollout(), progress, f.clock).accept("dave");
    assertThat(progress.progress()).extracting(p -> p.done(), p -> p.failed()).containsExactly(5, 1);
  }

  @Test
  void whmTrouble_isLoggedNotThrown() {
    f.server.zones().failCluster("bob.example", -1);
    new DnsManaged(f.client, f.rollout()).accept("bob");
    f.close();
    new DnsManaged(f.client, f.rollout()).accept("bob");
    assertThat(f.journal.read()).extracting(JournalEntry::status).containsExactly("planned", "failed");
  }

  @Test
  void manageWithoutTarget_isAConfigError() {
    assertThatThrownBy(() -> new DnsSettings("", tmp.resolve("j"), Duration.ZERO, 3, true))
        .isInstanceOf(ConfigException.class).hasMessageContaining("dns.manage").hasMessageContaining("dns.target");
    assertThatThrownBy(() -> new DnsSettings("not a host", tmp.resolve("j"), Duration.ZERO, 3, false))
        .hasMessageContaining("dns.target");
  }
}
