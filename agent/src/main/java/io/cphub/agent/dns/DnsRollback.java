package io.cphub.agent.dns;

import io.cphub.agent.AgentException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dns rollback}: restores, per zone, every line the journal says apply changed (entries
 * since that zone's last {@code rolledback} mark, newest first), in one save at the current
 * serial: a line that still holds the applied value gets its old value back, removed records are
 * added back. A zone where an applied line has changed since (someone edited it) is left alone and
 * reported as {@code conflict}. Then the Tweak Settings go back, newest first. Idempotent.
 * Single-threaded.
 */
public final class DnsRollback {
  private final DnsClient dns;
  private final DnsJournal journal;
  private final Clock clock;

  public DnsRollback(DnsClient dns, DnsJournal journal, Clock clock) {
    this.dns = dns;
    this.journal = journal;
    this.clock = clock;
  }

  public DnsReport run(String only) {
    List<JournalEntry> entries = journal.read();
    Map<String, Boolean> zones = new LinkedHashMap<>();
    entries.stream().filter(e -> e.kind().equals("zone")).forEach(e -> zones.put(e.zone(), true));
    String wanted = only == null ? null : Names.zone(only);
    List<ZoneResult> results = new ArrayList<>();
    for (String z : zones.keySet()) {
      if (wanted == null || wanted.equals(z)) {
        results.add(zone(z, entries));
      }
    }
    List<TweakChange> tweaks = new ArrayList<>();
    String note = "unchanged";
    if (only == null) {
      for (int i = entries.size() - 1; i >= 0; i--) {
        JournalEntry e = entries.get(i);
        if (e.kind().equals("tweak")) {
          String now = dns.tweak(e.key());
          tweaks.add(new TweakChange(e.key(), now, e.oldValue()));
          if (now.equals(e.newValue())) {
            dns.tweak(e.key(), e.oldValue());
            note = "restored";
          }
        }
      }
    }
    return new DnsReport(true, results, tweaks, note, results.size());
  }

  ZoneResult zone(String zone) {
    return zone(zone, journal.read());
  }

  private ZoneResult zone(String zone, List<JournalEntry> entries) {
    List<JournalEntry> mine = new ArrayList<>();
    for (JournalEntry e : entries) {
      if (e.kind().equals("zone") && e.zone().equals(zone)) {
        if (e.status().equals("rolledback")) {
          mine.clear();
        } else if (e.status().equals("planned")) {
          mine.add(e);
        }
      }
    }
    try {
      ZoneSnapshot now = dns.read(zone);
      List<Change> undo = new ArrayList<>();
      Set<Integer> lines = new HashSet<>();
      List<ZoneRecord> readd = new ArrayList<>();
      for (int i = mine.size() - 1; i >= 0; i--) {
        String conflict = undo(mine.get(i).changes(), now, undo, lines, readd);
        if (conflict != null) {
          return new ZoneResult(zone, "conflict", List.of(), List.of(conflict), null, 1);
        }
      }
      if (undo.isEmpty()) {
        return new ZoneResult(zone, "unchanged", List.of(), List.of(), null, 1);
      }
      long serial = dns.edit(zone, now.serial(), undo);
      journal.append(JournalEntry.zone(clock.instant().toString(), zone, "rolledback", serial, undo, null));
      return new ZoneResult(zone, "restored", undo.stream().map(Change::describe).toList(), List.of(), null, 1);
    } catch (AgentException e) {
      return ZoneResult.failed(zone, e.getMessage(), 1);
    }
  }

  /** Adds the undo of one planned entry if it was applied; returns a conflict text or null. */
  private static String undo(List<Change> changes, ZoneSnapshot now, List<Change> undo, Set<Integer> lines,
      List<ZoneRecord> readd) {
    boolean applied = false;
    for (Change c : changes) {
      if (c.op().equals("add") && now.records().stream().anyMatch(r -> r.sameContent(c.after()))) {
        applied = true;
      }
      if (!c.op().equals("edit")) {
        continue;
      }
      ZoneRecord at = now.line(c.before().lineIndex());
      if (c.after().sameContent(at)) {
        applied = true;
      } else if (!c.before().sameContent(at) && !lines.contains(c.before().lineIndex())) {
        return "line " + c.before().lineIndex() + " changed since apply (now "
            + (at == null ? "gone" : at.type() + " " + at.value()) + "): left alone";
      }
    }
    if (!applied) {
      return null;
    }
    for (Change c : changes) {
      if (c.op().equals("add")) {
        now.records().stream().filter(r -> r.sameContent(c.after()) && lines.add(r.lineIndex())).findFirst()
            .ifPresent(r -> undo.add(new Change("remove", r, null)));
        continue;
      }
      int index = c.before().lineIndex();
      if (c.op().equals("edit") && lines.add(index) && c.after().sameContent(now.line(index))) {
        undo.add(new Change("edit", now.line(index), c.before()));
      } else if (c.op().equals("remove") && now.records().stream().noneMatch(r -> r.sameContent(c.before()))
          && readd.stream().noneMatch(r -> r.sameContent(c.before()))) {
        readd.add(c.before());
        undo.add(new Change("add", null, c.before()));
      }
    }
    return null;
  }
}
