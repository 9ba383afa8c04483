package io.cphub.agent.push;

import io.cphub.agent.spool.Spool;
import io.cphub.agent.spool.SpoolEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The spool's events as work: which accounts wait for a re-read (debounced), which events need a
 * full snapshot, and which files may be deleted once a push covering them was accepted. A file is
 * deleted only when no waiting account still needs it. Owned by the sync loop thread.
 */
final class PendingEvents {
  /** One account waiting for a re-read. */
  static final class Account {
    final Set<String> files = new HashSet<>();
    Instant firstSeen;
    Instant lastSeen;
    Instant notBefore = Instant.MIN;
    int failures;
    /** A hook event showed the account arriving by a WHM transfer or restore. */
    boolean restored;
  }

  private final Spool spool;
  private final Set<String> known = new HashSet<>();
  private final Map<String, Account> accounts = new TreeMap<>();
  private final Map<String, Instant> fullFiles = new LinkedHashMap<>();
  private boolean fullWanted;

  PendingEvents(Spool spool) {
    this.spool = spool;
  }

  /** Picks up new spool files; an unreadable one asks for a full snapshot. */
  void scan(Instant now) {
    List<String> names = spool.list();
    known.retainAll(new HashSet<>(names));
    for (String name : names) {
      if (known.contains(name)) {
        continue;
      }
      SpoolEvent e = spool.read(name);
      if (e == null) {
        fullWanted = true;
        continue;
      }
      known.add(name);
      if (e.full()) {
        fullFiles.put(name, now);
      }
      for (String user : e.users()) {
        Account a = accounts.computeIfAbsent(user, u -> new Account());
        a.files.add(name);
        a.firstSeen = a.firstSeen == null ? now : a.firstSeen;
        a.lastSeen = now;
        a.restored |= e.restored().contains(user);
      }
    }
  }

  int depth() {
    return known.size();
  }

  /** True when an event that needs a full snapshot has settled for {@code debounce}. */
  boolean fullDue(Instant now, Duration debounce) {
    return fullWanted || fullFiles.values().stream().anyMatch(t -> !t.plus(debounce).isAfter(now));
  }

  /**
   * Accounts whose events settled ({@code debounce} without a new one) or that waited
   * {@code debounceMax} since their first unpushed event, and that are not held back.
   */
  List<String> dueAccounts(Instant now, Duration debounce, Duration debounceMax) {
    List<String> due = new ArrayList<>();
    accounts.forEach((user, a) -> {
      if (!dueAt(a, debounce, debounceMax).isAfter(now)) {
        due.add(user);
      }
    });
    return due;
  }

  /** The earliest time a waiting account becomes due, or null when none waits. */
  Instant nextAccountDue(Duration debounce, Duration debounceMax) {
    Instant next = null;
    for (Account a : accounts.values()) {
      next = earlier(next, dueAt(a, debounce, debounceMax));
    }
    return next;
  }

  /** The earliest time an event that needs a full snapshot becomes due, or null when none waits. */
  Instant nextFullDue(Duration debounce) {
    Instant next = fullWanted ? Instant.MIN : null;
    for (Instant t : fullFiles.values()) {
      next = earlier(next, t.plus(debounce));
    }
    return next;
  }

  private static Instant dueAt(Account a, Duration debounce, Duration debounceMax) {
    Instant settled = a.lastSeen.plus(debounce);
    Instant capped = a.firstSeen.plus(debounceMax);
    Instant due = settled.isBefore(capped) ? settled : capped;
    return due.isBefore(a.notBefore) ? a.notBefore : due;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  Account account(String user) {
    return accounts.get(user);
  }

  /** True when a waiting event showed {@code user} arriving by a WHM transfer or restore. */
  boolean restored(String user) {
    Account a = accounts.get(user);
    return a != null && a.restored;
  }

  /** Every file seen so far: what a full snapshot read from now on covers. */
  Set<String> snapshotOfKnown() {
    return Set.copyOf(known);
  }

  /** A full snapshot covering {@code covered} was accepted. */
  void fullAccepted(Set<String> covered) {
    fullWanted = false;
    fullFiles.keySet().removeAll(covered);
    accounts.values().forEach(a -> a.files.removeAll(covered));
    accounts.values().removeIf(a -> a.files.isEmpty());
    spool.delete(covered);
    known.removeAll(covered);
  }

  /**
   * The change for {@code user} built from a re-read after {@code files} were seen was accepted.
   * Events that came in meanwhile wait again from {@code now}: a long burst is pushed once per
   * {@code debounceMax}, not once per event.
   */
  void accountAccepted(String user, Set<String> files, Instant now) {
    Account a = accounts.get(user);
    if (a == null) {
      return;
    }
    a.files.removeAll(files);
    if (a.files.isEmpty()) {
      accounts.remove(user);
    } else {
      a.firstSeen = now;
    }
    List<String> deletable = new ArrayList<>();
    for (String f : files) {
      boolean needed = fullFiles.containsKey(f) || accounts.values().stream().anyMatch(o -> o.files.contains(f));
      if (!needed) {
        deletable.add(f);
      }
    }
    spool.delete(deletable);
    known.removeAll(deletable);
  }
}
