package io.cphub.simulator.dns;

import io.cphub.simulator.SimulatorException;
import java.util.List;

/**
 * One line of a zone file as {@code parse_dns_zone} sees it: {@code record}, {@code comment} or
 * {@code control}. Names, text and data are octet strings (each char one byte, ISO-8859-1), so a
 * zone may hold any bytes and the wire gets them back exactly in base64. {@code dname} is relative
 * for names under the zone and fully qualified (trailing dot) for the apex, as cPanel writes it.
 */
public record ZoneLine(String kind, String text, String dname, long ttl, String type, List<String> data) {
  public ZoneLine {
    if (!List.of("record", "comment", "control").contains(kind)) {
      throw new SimulatorException("zone line kind must be record, comment or control, was " + kind);
    }
    data = data == null ? List.of() : List.copyOf(data);
    if (kind.equals("record") && (dname == null || dname.isEmpty() || type == null || data.isEmpty())) {
      throw new SimulatorException("a zone record needs a name, a type and data");
    }
  }

  public static ZoneLine record(String dname, long ttl, String type, String... data) {
    return new ZoneLine("record", null, dname, ttl, type, List.of(data));
  }

  public static ZoneLine comment(String text) {
    return new ZoneLine("comment", text, null, 0, null, null);
  }

  public static ZoneLine control(String text) {
    return new ZoneLine("control", text, null, 0, null, null);
  }

  public boolean isRecord() {
    return kind.equals("record");
  }

  public ZoneLine withData(String... values) {
    return new ZoneLine(kind, text, dname, ttl, type, List.of(values));
  }
}
