package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsExponentially_withJitterInTheUpperHalf_andIsCapped() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new Random(7));
    long[] caps = {100, 200, 400, 800, 1000, 1000, 1000};
    for (long cap : caps) {
      long d = b.failure().toMillis();
      assertThat(d).isBetween(cap / 2, cap);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(b.failure().toMillis()).isBetween(500L, 1000L);
    }
    b.success();
    assertThat(b.failure().toMillis()).isBetween(50L, 100L);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
