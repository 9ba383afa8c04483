package io.cphub.proxy.abuse;

import java.time.Duration;
import java.util.List;

/** Guard settings for tests: the production defaults, with the few knobs tests turn. */
final class TestConfigs {
  private TestConfigs() {}

  static GuardConfig defaults() {
    return with(List.of(), 100_000, "node-a");
  }

  static GuardConfig with(List<String> allow, long maxTracked, String node) {
    return new GuardConfig(true, Duration.ofMinutes(15), 3, 20, 60, Duration.ofHours(1), 5, 10, 2, 30, 10,
        Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofHours(24), allow, maxTracked, 200_000,
        Duration.ofDays(30), node, Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofMillis(400), 10_000, 3,
        10_000);
  }

  static GuardConfig smallQueue(String node, int maxPending) {
    GuardConfig d = with(List.of(), 100_000, node);
    return new GuardConfig(true, d.window(), d.ipWaitAfter(), d.ipBanAfter(), d.netBanAfter(), d.accountWindow(),
        d.accountWaitAfter(), d.accountProtectAfter(), d.waitBaseSeconds(), d.waitMaxSeconds(), d.waitMaxAttempts(),
        d.banDuration(), d.banMaxDuration(), d.repeatWindow(), d.allowNetworks(), d.maxTracked(), d.maxKnownGood(),
        d.knownGoodTtl(), node, d.resyncInterval(), d.backoffMin(), d.backoffMax(), maxPending, d.netEscalateAfter(),
        d.knownGoodQueue());
  }

  static GuardConfig knownGoodQueue(int queue) {
    GuardConfig d = defaults();
    return new GuardConfig(true, d.window(), d.ipWaitAfter(), d.ipBanAfter(), d.netBanAfter(), d.accountWindow(),
        d.accountWaitAfter(), d.accountProtectAfter(), d.waitBaseSeconds(), d.waitMaxSeconds(), d.waitMaxAttempts(),
        d.banDuration(), d.banMaxDuration(), d.repeatWindow(), d.allowNetworks(), d.maxTracked(), d.maxKnownGood(),
        d.knownGoodTtl(), d.node(), d.resyncInterval(), d.backoffMin(), d.backoffMax(), d.maxPending(),
        d.netEscalateAfter(), queue);
  }
}
