package io.cphub.proxy.abuse;

import java.util.Arrays;

/**
 * The failures of one key (an IP, a network or an account) in a sliding window: each distinct
 * item (a keyed hash of account and wrong password) with its owner (a keyed 64-bit hash of the
 * account, 0 for unknown logins), its number of hits and when it was last seen. An item unseen for a whole window drops out. At most {@code cap} items are kept (the
 * one seen longest ago makes room), so one key never grows past a few hundred bytes.
 * Thread-safe: every method locks this tally only.
 */
final class Tally {
  /** Distinct items and all hits (repeats included) still inside the window. */
  record Count(int distinct, int total) {
    static final Count ZERO = new Count(0, 0);
  }

  private final int cap;
  private long[] items = new long[2];
  private long[] seen = new long[2];
  private int[] hits = new int[2];
  private long[] owners = new long[2];
  private int size;

  Tally(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be at least 1, got " + cap);
    }
    this.cap = cap;
  }

  /** Counts one failure of {@code item} by {@code owner} at {@code now} (ms). */
  synchronized Count record(long item, long owner, long now, long window) {
    expire(now, window);
    for (int i = 0; i < size; i++) {
      if (items[i] == item && owners[i] == owner) {
        seen[i] = now;
        hits[i] = hits[i] == Integer.MAX_VALUE ? hits[i] : hits[i] + 1;
        return count();
      }
    }
    if (size == cap) {
      remove(oldest());
    }
    if (size == items.length) {
      int n = Math.min(cap, size * 2);
      items = Arrays.copyOf(items, n);
      seen = Arrays.copyOf(seen, n);
      hits = Arrays.copyOf(hits, n);
      owners = Arrays.copyOf(owners, n);
    }
    items[size] = item;
    seen[size] = now;
    hits[size] = 1;
    owners[size] = owner;
    size++;
    return count();
  }

  synchronized Count count(long now, long window) {
    expire(now, window);
    return count();
  }

  /** Forgets every failure of {@code owner}: the account just logged in from here. */
  synchronized void forgive(long owner) {
    for (int i = size - 1; i >= 0; i--) {
      if (owners[i] == owner) {
        remove(i);
      }
    }
  }

  synchronized boolean isEmpty() {
    return size == 0;
  }

  private Count count() {
    long total = 0;
    for (int i = 0; i < size; i++) {
      total += hits[i];
    }
    return new Count(size, (int) Math.min(Integer.MAX_VALUE, total));
  }

  private void expire(long now, long window) {
    for (int i = size - 1; i >= 0; i--) {
      if (now - seen[i] >= window) {
        remove(i);
      }
    }
  }

  private int oldest() {
    int o = 0;
    for (int i = 1; i < size; i++) {
      if (seen[i] < seen[o]) {
        o = i;
      }
    }
    return o;
  }

  private void remove(int i) {
    int last = size - 1;
    items[i] = items[last];
    seen[i] = seen[last];
    hits[i] = hits[last];
    owners[i] = owners[last];
    size = last;
  }
}
