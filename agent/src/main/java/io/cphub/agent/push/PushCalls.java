package io.cphub.agent.push;

/**
 * Told about every write a {@link RegistryClient} sent: what it was ({@code snapshot},
 * {@code account}, {@code delete}), how it ended ({@code accepted}: 2xx; {@code refused}: another
 * 4xx; {@code unavailable}: 5xx, 408, 429 or no answer) and how long it took. Called on the
 * caller's thread; implementations must be thread-safe, quick, and must not throw.
 */
@FunctionalInterface
public interface PushCalls {
  PushCalls NONE = (kind, result, seconds) -> { };

  void completed(String kind, String result, double seconds);
}
