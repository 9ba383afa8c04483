package io.cphub.agent.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.whm.WhmAccount;
import io.cphub.agent.whm.WhmDomain;
import io.cphub.agent.whm.WhmException;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotBuilderTest {
  static final WhmAccount ALICE = new WhmAccount("Alice", "Alice.Example.", "Reseller1", true);
  static final List<WhmDomain> ROWS = List.of(
      new WhmDomain("alice.example", "main", "alice", "alice.example"),
      new WhmDomain("shop.example", "addon", "alice", "shopexample.alice.example"),
      new WhmDomain("shopexample.alice.example", "sub", "alice", "alice.example"),
      new WhmDomain("*.alice.example", "sub", "alice", "alice.example"),
      new WhmDomain("Blog.Alice.Example", "sub", "alice", "alice.example"),
      new WhmDomain("bücher.example", "parked", "alice", "alice.example"),
      new WhmDomain("bad_name.example", "parked", "alice", "alice.example"),
      new WhmDomain("odd.example", "weird", "alice", "alice.example"));

  @Test
  void account_dropsBackingSubsAndWildcards_normalises_carriesOwnerAndSuspension() {
    AccountEntry e = SnapshotBuilder.account(ALICE, ROWS);
    assertThat(e.username()).isEqualTo("alice");
    assertThat(e.primaryDomain()).isEqualTo("alice.example");
    assertThat(e.owner()).isEqualTo("reseller1");
    assertThat(e.suspended()).isTrue();
    assertThat(e.domains()).containsExactly(
        new DomainEntry("alice.example", DomainKind.MAIN),
        new DomainEntry("shop.example", DomainKind.ADDON),
        new DomainEntry("blog.alice.example", DomainKind.SUB),
        new DomainEntry("xn--bcher-kva.example", DomainKind.PARKED));
  }

  @Test
  void accountWithoutAnyDomainRow_isNotPushed() {
    assertThatThrownBy(() -> SnapshotBuilder.account(ALICE, List.of())).isInstanceOf(WhmException.class);
  }

  @Test
  void fullBuild_refusesEmptyAnswers() {
    assertThatThrownBy(() -> SnapshotBuilder.build(List.of(), ROWS)).isInstanceOf(WhmException.class)
        .hasMessageContaining("no accounts");
    assertThatThrownBy(() -> SnapshotBuilder.build(List.of(ALICE), List.of())).isInstanceOf(WhmException.class)
        .hasMessageContaining("no domains");
  }

  @Test
  void fullBuild_groupsByUser_skipsBadAccounts_keepsAccountsWithoutRowsByMainDomain() {
    List<AccountEntry> all = SnapshotBuilder.build(
        List.of(ALICE, new WhmAccount("bob", "bob.example", "root", false), new WhmAccount("bad user!", "x.example", "root", false),
            new WhmAccount("alice", "alice.example", "root", false)),
        ROWS);
    assertThat(all).extracting(AccountEntry::username).containsExactly("alice", "bob");
    assertThat(all.get(1).domains()).containsExactly(new DomainEntry("bob.example", DomainKind.MAIN));
  }
}
