package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanListTest {
  private final Instant t0 = Instant.parse("2026-03-02T08:00:00Z");
  private final BanList bans = new BanList();

  private Ban ban(long id, String key, Instant at) {
    return new Ban(id, Ban.Kind.IP, key, "ip-failures", 20, 20, 1, at, at.plus(Duration.ofMinutes(15)), "node-a");
  }

  @Test
  void aLocalBan_appliesAtOnce_andSurvivesReReadsUntilStored() {
    Ban local = ban(0, "192.0.2.1", t0);
    bans.putLocal(local);
    bans.replaceStored(List.of(), t0.plusSeconds(1));
    assertThat(bans.active(Ban.Kind.IP, "192.0.2.1", t0.plusSeconds(1))).isSameAs(local);
    Ban stored = ban(7, "192.0.2.1", t0);
    bans.putStored(stored);
    bans.replaceStored(List.of(), t0.plusSeconds(2));
    assertThat(bans.active(Ban.Kind.IP, "192.0.2.1", t0.plusSeconds(2))).as("stored, then gone from the table").isNull();
  }

  @Test
  void aBanKeptLocal_appliesUntilItExpires_whateverTheTableSays() {
    Ban local = ban(0, "192.0.2.1", t0);
    bans.putLocal(local);
    bans.keepLocal(local);
    bans.replaceStored(List.of(), t0.plusSeconds(60));
    assertThat(bans.active(Ban.Kind.IP, "192.0.2.1", t0.plusSeconds(60))).isSameAs(local);
    bans.replaceStored(List.of(), t0.plus(Duration.ofMinutes(15)));
    assertThat(bans.active(t0)).isEmpty();
  }

  @Test
  void aLocalBanStoredElsewhere_isReplacedByTheStoredOne() {
    bans.putLocal(ban(0, "192.0.2.1", t0.plusSeconds(5)));
    bans.storedElsewhere(ban(0, "192.0.2.1", t0.plusSeconds(5)));
    Ban other = ban(3, "192.0.2.1", t0);
    bans.replaceStored(List.of(other), t0.plusSeconds(6));
    assertThat(bans.active(Ban.Kind.IP, "192.0.2.1", t0.plusSeconds(6))).isSameAs(other);
  }

  @Test
  void anEndedStoredBan_doesNotRemoveANewerLocalOne() {
    Ban old = ban(3, "192.0.2.1", t0);
    bans.putStored(old);
    Ban newer = ban(0, "192.0.2.1", t0.plusSeconds(30));
    bans.putLocal(newer);
    bans.removeStored(old);
    assertThat(bans.active(Ban.Kind.IP, "192.0.2.1", t0.plusSeconds(31))).isSameAs(newer);
    bans.removeStored(ban(3, "192.0.2.1", t0.plusSeconds(40)));
    assertThat(bans.active(Ban.Kind.IP, "192.0.2.1", t0.plusSeconds(41))).isNull();
  }

  @Test
  void expiredBans_stopApplyingAtOnce_andAreCountedByKind() {
    bans.putStored(ban(1, "192.0.2.1", t0));
    bans.putStored(new Ban(2, Ban.Kind.ACCOUNT, "a@example.com", "account-spray", 10, 10, 1, t0,
        t0.plus(Duration.ofHours(1)), "node-b"));
    assertThat(bans.countByKind(t0.plusSeconds(1))).containsEntry(Ban.Kind.IP, 1).containsEntry(Ban.Kind.ACCOUNT, 1)
        .containsEntry(Ban.Kind.NET, 0);
    assertThat(bans.active(Ban.Kind.IP, "192.0.2.1", t0.plus(Duration.ofMinutes(15)))).isNull();
    assertThat(bans.active(t0.plus(Duration.ofMinutes(20)))).extracting(Ban::key).containsExactly("a@example.com");
  }
}
