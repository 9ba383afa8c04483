package io.cphub.agent.whm;

/**
 * Told about every WHM API call a {@link WhmClient} made: the function, how long it took, and
 * what failed ({@link WhmException#kind()}, null when it succeeded). Called on the caller's
 * thread; implementations must be thread-safe, quick, and must not throw.
 */
@FunctionalInterface
public interface WhmCalls {
  WhmCalls NONE = (function, seconds, failure) -> { };

  void completed(String function, double seconds, String failure);
}
