package io.cphub.agent.dns;

import java.util.List;

/**
 * One line of the DNS journal. {@code kind=zone}: {@code status} {@code planned} (written, with
 * every old value, before the edit is sent), {@code applied} ({@code serial} = the new serial),
 * {@code failed}, or {@code rolledback} (entries before it are done with). {@code kind=tweak}: a
 * Tweak Setting {@code key} about to change from {@code oldValue} to {@code newValue}.
 */
public record JournalEntry(String at, String kind, String zone, String status, long serial, List<Change> changes,
    String key, String oldValue, String newValue, String detail) {
  public JournalEntry {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  static JournalEntry zone(String at, String zone, String status, long serial, List<Change> changes, String detail) {
    return new JournalEntry(at, "zone", zone, status, serial, changes, null, null, null, detail);
  }

  static JournalEntry tweak(String at, String key, String oldValue, String newValue) {
    return new JournalEntry(at, "tweak", null, "planned", 0, List.of(), key, oldValue, newValue, null);
  }
}
