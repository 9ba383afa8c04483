package io.cphub.proxy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemLogTest {
  final MutableClock clock = new MutableClock();
  final ProblemLog log = new ProblemLog(clock, Duration.ofMinutes(1));
  final BackendProblem p = new BackendProblem(BackendProblem.Kind.REPLY, "privacyrequired", "c2 NO [PRIVACYREQUIRED]");

  @Test
  void warnsOncePerServerPerMinute() {
    assertThat(log.report(1, "s1", p)).isTrue();
    assertThat(log.report(1, "s1", p)).isFalse();
    assertThat(log.report(2, "s2", p)).as("another server has its own minute").isTrue();
    clock.advance(Duration.ofSeconds(59));
    assertThat(log.report(1, "s1", p)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(log.report(1, "s1", p)).isTrue();
    assertThat(log.report(1, "s1", p)).isFalse();
  }
}
