package io.cphub.agent.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes; returns how long it took. */
final class Await {
  private Await() {}

  static Duration until(Duration limit, String what, Callable<Boolean> condition) throws Exception {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (true) {
      if (condition.call()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
      }
      Thread.sleep(10);
    }
  }
}
