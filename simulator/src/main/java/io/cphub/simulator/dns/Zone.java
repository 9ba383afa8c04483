package io.cphub.simulator.dns;

import io.cphub.simulator.SimulatorException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One zone file: its lines by index (a removed line stays as a gap, so untouched records keep
 * their indexes, as cPanel's line editor promises) and the SOA serial in {@code data[2]}. Not
 * thread-safe on its own: {@link DnsStore} guards every zone with its lock.
 */
public final class Zone {
  static final Set<String> ADDABLE = Set.of("A", "AAAA", "AFSDB", "CAA", "CNAME", "DNAME", "DS", "HINFO", "LOC",
      "MX", "NAPTR", "NS", "PTR", "RP", "SRV", "TLSA", "TXT");

  /** One change of a {@code mass_edit_dns_zone} call; {@code lineIndex} is -1 for an add. */
  public record Op(String kind, int lineIndex, ZoneLine line) {}

  private final String name;
  private final List<ZoneLine> lines;

  Zone(String name, List<ZoneLine> lines) {
    this.name = name;
    this.lines = new ArrayList<>(lines);
  }

  public String name() {
    return name;
  }

  /** Lines by index; null where a line was removed. */
  public List<ZoneLine> lines() {
    return java.util.Collections.unmodifiableList(new ArrayList<>(lines));
  }

  public long serial() {
    return Long.parseLong(lines.get(soaIndex()).data().get(2));
  }

  /** Test hook: sets one line as a customer's hand edit would, bumping the serial. */
  public void put(int index, ZoneLine line) {
    if (index == lines.size()) {
      lines.add(line);
    } else {
      lines.set(index, line);
    }
    bump();
  }

  /** Applies every op or none (any invalid op throws and changes nothing); returns the new serial. */
  long apply(List<Op> ops) {
    if (ops.isEmpty()) {
      throw new SimulatorException("You must specify at least one change (add, edit or remove).");
    }
    List<ZoneLine> next = new ArrayList<>(lines);
    Set<Integer> touched = new HashSet<>();
    int soa = soaIndex();
    for (Op op : ops) {
      if (op.kind().equals("add")) {
        if (!ADDABLE.contains(op.line().type())) {
          throw new SimulatorException("You cannot add a record of type \"" + op.line().type() + "\".");
        }
        next.add(op.line());
        continue;
      }
      int i = op.lineIndex();
      if (i < 0 || i >= lines.size() || lines.get(i) == null || !lines.get(i).isRecord()) {
        throw new SimulatorException("Line " + i + " of the zone \"" + name + "\" is not a record.");
      }
      if (!touched.add(i)) {
        throw new SimulatorException("Line " + i + " may take only one change.");
      }
      if (i == soa && (op.kind().equals("remove") || !"SOA".equals(op.line().type()))) {
        throw new SimulatorException("You cannot remove or retype the SOA record.");
      }
      next.set(i, op.kind().equals("remove") ? null : op.line());
    }
    if (next.stream().noneMatch(l -> l != null && l.isRecord() && "NS".equals(l.type()))) {
      throw new SimulatorException("The zone \"" + name + "\" must keep at least one NS record.");
    }
    lines.clear();
    lines.addAll(next);
    return bump();
  }

  long bump() {
    int soa = soaIndex();
    ZoneLine s = lines.get(soa);
    List<String> d = new ArrayList<>(s.data());
    long serial = Long.parseLong(d.get(2)) + 1;
    d.set(2, Long.toString(serial));
    lines.set(soa, new ZoneLine(s.kind(), s.text(), s.dname(), s.ttl(), s.type(), d));
    return serial;
  }

  private int soaIndex() {
    for (int i = 0; i < lines.size(); i++) {
      ZoneLine l = lines.get(i);
      if (l != null && l.isRecord() && "SOA".equals(l.type())) {
        return i;
      }
    }
    throw new SimulatorException("zone " + name + " has no SOA");
  }
}
