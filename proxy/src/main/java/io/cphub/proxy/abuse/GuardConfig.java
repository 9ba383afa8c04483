package io.cphub.proxy.abuse;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The abuse guard's settings ({@code abuse.*} keys, documented in the module README and
 * proxy/ABUSE.md). The compact constructor rejects inconsistent values naming the key; nothing
 * is clamped.
 *
 * @param window sliding window of the IP and network counts
 * @param ipWaitAfter failures (repeats included) of one IP before its failure replies wait longer
 * @param ipBanAfter distinct wrong (account, password) pairs of one IP that ban it
 * @param netBanAfter the same, summed over the IP's /24 or /64, that ban the network
 * @param accountWindow sliding window of the per-account count
 * @param accountWaitAfter distinct wrong passwords for one account, from IPs it never logged in
 *     from, before those IPs' failure replies wait longer
 * @param accountProtectAfter the same count that protects the account: only IPs it logged in from
 *     before may try it until the protection expires
 * @param waitBaseSeconds the Auth-Wait a first failure gets; doubles per failure past a wait threshold, up
 *     to {@code waitMaxSeconds}
 * @param waitMaxAttempts nginx Auth-Login-Attempt after which no Auth-Wait is sent (nginx then closes)
 * @param banDuration first ban; doubles per repeat offence within {@code repeatWindow}, up to {@code banMaxDuration}
 * @param maxTracked keys kept per tracker (IPs, networks, accounts)
 * @param node this node's name, recorded with the bans it decides
 * @param resyncInterval full re-read of the ban table, the safety net under LISTEN
 * @param maxPending bans decided while the database is down, kept for writing later
 * @param netEscalateAfter banned addresses or networks inside one wider network (distinct next
 *     narrower networks: addresses in a /24 or /64, /64s in a /48, /48s in a /32, /24s in a /16)
 *     that ban the wider network
 * @param knownGoodQueue known-good pairs waiting to be written to the database; past it new ones
 *     are dropped (counted) and stay known on this node only
 */
public record GuardConfig(boolean enabled, Duration window, int ipWaitAfter, int ipBanAfter, int netBanAfter,
    Duration accountWindow, int accountWaitAfter, int accountProtectAfter, int waitBaseSeconds, int waitMaxSeconds,
    int waitMaxAttempts, Duration banDuration, Duration banMaxDuration, Duration repeatWindow,
    List<String> allowNetworks, long maxTracked, long maxKnownGood, Duration knownGoodTtl, String node,
    Duration resyncInterval, Duration backoffMin, Duration backoffMax, int maxPending, int netEscalateAfter,
    int knownGoodQueue) {

  public GuardConfig {
    Objects.requireNonNull(window, "abuse.window");
    Objects.requireNonNull(accountWindow, "abuse.account.window");
    Objects.requireNonNull(banDuration, "abuse.ban.duration");
    Objects.requireNonNull(banMaxDuration, "abuse.ban.max-duration");
    Objects.requireNonNull(repeatWindow, "abuse.ban.repeat-window");
    Objects.requireNonNull(knownGoodTtl, "abuse.known-good.ttl");
    Objects.requireNonNull(resyncInterval, "abuse.resync-interval");
    allowNetworks = List.copyOf(allowNetworks);
    AllowList.parse(allowNetworks);
    positive("abuse.ip.wait-after", ipWaitAfter);
    positive("abuse.ip.ban-after", ipBanAfter);
    positive("abuse.net.ban-after", netBanAfter);
    positive("abuse.account.wait-after", accountWaitAfter);
    positive("abuse.account.protect-after", accountProtectAfter);
    positive("abuse.wait-base", waitBaseSeconds);
    positive("abuse.max-tracked", maxTracked);
    positive("abuse.known-good.max", maxKnownGood);
    positive("abuse.max-pending", maxPending);
    positive("abuse.net.escalate-after", netEscalateAfter);
    positive("abuse.known-good.queue", knownGoodQueue);
    if (waitMaxSeconds < waitBaseSeconds) {
      throw new IllegalArgumentException("abuse.wait-max (" + waitMaxSeconds + ") must not be below abuse.wait-base ("
          + waitBaseSeconds + ")");
    }
    if (netBanAfter < ipBanAfter) {
      throw new IllegalArgumentException("abuse.net.ban-after (" + netBanAfter
          + ") must not be below abuse.ip.ban-after (" + ipBanAfter + ")");
    }
    if (accountWaitAfter > accountProtectAfter) {
      throw new IllegalArgumentException("abuse.account.wait-after (" + accountWaitAfter
          + ") must not be above abuse.account.protect-after (" + accountProtectAfter + ")");
    }
    if (banMaxDuration.compareTo(banDuration) < 0) {
      throw new IllegalArgumentException("abuse.ban.max-duration (" + banMaxDuration
          + ") must not be below abuse.ban.duration (" + banDuration + ")");
    }
    if (node == null || node.isBlank() || node.length() > 253 || node.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("abuse.node must be 1-253 printable characters");
    }
  }

  private static void positive(String key, long v) {
    if (v < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + v);
    }
  }

  /** Items kept per tally: enough to see every threshold crossed. */
  int itemCap() {
    return Math.max(Math.max(ipBanAfter, netBanAfter), accountProtectAfter) + 1;
  }

  /** How long the {@code offences}-th ban of a key lasts: doubling, capped. */
  Duration banDuration(int offences) {
    Duration d = banDuration;
    for (int i = 1; i < offences && d.compareTo(banMaxDuration) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(banMaxDuration) > 0 ? banMaxDuration : d;
  }

  /**
   * Auth-Wait for the {@code level}-th failure past a wait threshold (level ≥ 1): twice the base,
   * then doubling, capped (the base is what a first failure waits anyway).
   */
  int waitSeconds(int level) {
    long w = waitBaseSeconds;
    for (int i = 0; i < level && w < waitMaxSeconds; i++) {
      w *= 2;
    }
    return (int) Math.min(w, waitMaxSeconds);
  }
}
