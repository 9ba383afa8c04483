package io.cphub.proxy.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.proxy.verify.CircuitBreaker.Admission;
import io.cphub.proxy.verify.CircuitBreaker.State;
import io.cphub.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  final MutableClock clock = new MutableClock();
  final CircuitBreaker b = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void opensAfterConsecutiveDownResults_failsFast_thenOneProbe_closesOnSuccess() {
    b.record(true, false);
    b.record(true, false);
    assertThat(b.admit()).isEqualTo(Admission.PASS);
    assertThat(b.record(true, false)).isEqualTo(State.OPEN);
    assertThat(b.admit()).isEqualTo(Admission.REFUSE);
    clock.advance(Duration.ofSeconds(29));
    assertThat(b.admit()).isEqualTo(Admission.REFUSE);
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.admit()).isEqualTo(Admission.PROBE);
    assertThat(b.state()).isEqualTo(State.HALF_OPEN);
    assertThat(b.admit()).as("only one probe at a time").isEqualTo(Admission.REFUSE);
    assertThat(b.record(false, true)).isEqualTo(State.CLOSED);
    assertThat(b.admit()).isEqualTo(Admission.PASS);
  }

  @Test
  void failedProbe_opensForAnotherCoolDown() {
    for (int i = 0; i < 3; i++) {
      b.record(true, false);
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.admit()).isEqualTo(Admission.PROBE);
    assertThat(b.record(true, true)).isEqualTo(State.OPEN);
    clock.advance(Duration.ofSeconds(29));
    assertThat(b.admit()).isEqualTo(Admission.REFUSE);
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.admit()).isEqualTo(Admission.PROBE);
  }

  @Test
  void anAnswerBetweenFailures_resetsTheCount() {
    b.record(true, false);
    b.record(true, false);
    b.record(false, false);
    b.record(true, false);
    b.record(true, false);
    assertThat(b.state()).isEqualTo(State.CLOSED);
    assertThat(b.record(true, false)).isEqualTo(State.OPEN);
  }

  @Test
  void lateFailureOfAnOldCheck_whileHalfOpen_doesNotDecide_cancelledProbeLetsTheNextProbe() {
    for (int i = 0; i < 3; i++) {
      b.record(true, false);
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.admit()).isEqualTo(Admission.PROBE);
    assertThat(b.record(true, false)).isNull();
    assertThat(b.state()).isEqualTo(State.HALF_OPEN);
    b.probeCancelled();
    assertThat(b.admit()).isEqualTo(Admission.PROBE);
  }

  @Test
  void badSettings_areRefused() {
    assertThatThrownBy(() -> new CircuitBreaker(0, Duration.ofSeconds(1), clock)).hasMessageContaining("failures");
    assertThatThrownBy(() -> new CircuitBreaker(1, Duration.ZERO, clock)).hasMessageContaining("cool-down");
  }
}
