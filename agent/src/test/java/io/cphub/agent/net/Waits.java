package io.cphub.agent.net;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that real sockets make true (a server closing an idle connection). */
public final class Waits {
  private Waits() {}

  public static void until(Duration limit, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }
}
