package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TallyTest {
  private static final long WINDOW = 60_000;

  @Test
  void repeats_countInTotalButOnceAsDistinct() {
    Tally t = new Tally(10);
    t.record(1, 7, 0, WINDOW);
    t.record(1, 7, 1_000, WINDOW);
    assertThat(t.record(2, 7, 2_000, WINDOW)).isEqualTo(new Tally.Count(2, 3));
  }

  @Test
  void theSameItemFromAnotherOwner_isDistinct() {
    Tally t = new Tally(10);
    t.record(1, 7, 0, WINDOW);
    assertThat(t.record(1, 8, 0, WINDOW).distinct()).isEqualTo(2);
  }

  @Test
  void itemsUnseenForAWindow_dropOut() {
    Tally t = new Tally(10);
    t.record(1, 7, 0, WINDOW);
    t.record(2, 7, 30_000, WINDOW);
    assertThat(t.count(59_999, WINDOW)).isEqualTo(new Tally.Count(2, 2));
    assertThat(t.count(60_000, WINDOW)).isEqualTo(new Tally.Count(1, 1));
    assertThat(t.count(90_000, WINDOW)).isEqualTo(Tally.Count.ZERO);
    assertThat(t.isEmpty()).isTrue();
  }

  @Test
  void forgive_removesOneOwnersItemsOnly() {
    Tally t = new Tally(10);
    t.record(1, 7, 0, WINDOW);
    t.record(2, 7, 0, WINDOW);
    t.record(3, 8, 0, WINDOW);
    t.forgive(7);
    assertThat(t.count(1, WINDOW)).isEqualTo(new Tally.Count(1, 1));
  }

  @Test
  void atTheCap_theItemSeenLongestAgoMakesRoom() {
    Tally t = new Tally(3);
    t.record(1, 0, 0, WINDOW);
    t.record(2, 0, 10, WINDOW);
    t.record(3, 0, 20, WINDOW);
    t.record(1, 0, 30, WINDOW);
    assertThat(t.record(4, 0, 40, WINDOW).distinct()).isEqualTo(3);
    assertThat(t.record(1, 0, 50, WINDOW).total()).as("item 1 was kept, item 2 evicted").isEqualTo(1 + 1 + 3);
    assertThat(t.record(2, 0, 60, WINDOW).distinct()).isEqualTo(3);
  }

  @Test
  void aCapBelowOne_isRejected() {
    assertThatThrownBy(() -> new Tally(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
  }
}
