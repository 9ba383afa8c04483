package io.cphub.agent.dns;

import java.util.List;

/**
 * One record of a zone as {@code parse_dns_zone} gave it, decoded from base64 to octet strings
 * (each char one byte, ISO-8859-1) so that journaling and restoring keep every byte.
 */
public record ZoneRecord(int lineIndex, String dname, long ttl, String type, List<String> data) {
  public ZoneRecord {
    data = List.copyOf(data);
  }

  String value() {
    return String.join(" ", data);
  }

  ZoneRecord retyped(String newType, String... newData) {
    return new ZoneRecord(lineIndex, dname, ttl, newType, List.of(newData));
  }

  /** Same name, TTL, type and data (the line index aside). */
  boolean sameContent(ZoneRecord o) {
    return o != null && dname.equals(o.dname) && ttl == o.ttl && type.equals(o.type) && data.equals(o.data);
  }

  boolean ascii() {
    return (dname + value()).chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
