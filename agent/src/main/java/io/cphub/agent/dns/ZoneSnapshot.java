package io.cphub.agent.dns;

import java.util.List;

/** A zone read at one serial: its records (comments and control lines left out). */
public record ZoneSnapshot(String zone, long serial, List<ZoneRecord> records) {
  public ZoneSnapshot {
    records = List.copyOf(records);
  }

  List<ZoneRecord> at(String absoluteName) {
    return records.stream().filter(r -> Names.absolute(r.dname(), zone).equals(absoluteName)).toList();
  }

  ZoneRecord line(int index) {
    return records.stream().filter(r -> r.lineIndex() == index).findFirst().orElse(null);
  }
}
