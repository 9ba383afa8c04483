package io.cphub.agent.dns;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.agent.whm.WhmClient;
import io.cphub.agent.whm.WhmException;
import io.cphub.model.Printable;
import io.cphub.model.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The WHM API 1 DNS calls: zones of the server ({@code get_domain_info} main, addon and parked
 * rows), {@code parse_dns_zone}, {@code mass_edit_dns_zone} (all changes of a zone in one call:
 * {@code edit}, {@code edit-1}, ...), {@code get_tweaksetting}/{@code set_tweaksetting}.
 * Thread-safe (the WHM client is).
 */
public final class DnsClient {
  private final WhmClient whm;

  public DnsClient(WhmClient whm) {
    this.whm = whm;
  }

  /** Every zone of the server, sorted by name; a row whose name is not a valid domain throws. */
  public List<ServerZone> zones() {
    JsonNode data = WhmClient.data("get_domain_info", whm.get("get_domain_info", Map.of()));
    TreeMap<String, ServerZone> zones = new TreeMap<>();
    for (JsonNode row : data.path("domains")) {
      String type = row.path("domain_type").asText();
      if (type.equals("main") || type.equals("addon") || type.equals("parked")) {
        String ipv6 = row.path("ipv6").isTextual() && !row.path("ipv6").asText().isBlank() ? row.get("ipv6").asText() : null;
        String zone = Names.zone(row.path("domain").asText());
        zones.put(zone, new ServerZone(zone, row.path("user").asText(), row.path("ipv4").asText(), ipv6));
      }
    }
    return List.copyOf(zones.values());
  }

  public ZoneSnapshot read(String zone) {
    JsonNode data = WhmClient.data("parse_dns_zone", whm.get("parse_dns_zone", Map.of("zone", zone)));
    List<ZoneRecord> records = new ArrayList<>();
    Long serial = null;
    for (JsonNode item : data.path("payload")) {
      if (!"record".equals(item.path("type").asText())) {
        continue;
      }
      List<String> values = new ArrayList<>();
      item.path("data_b64").forEach(v -> values.add(octets(v.asText())));
      ZoneRecord r = new ZoneRecord(item.path("line_index").asInt(-1), octets(item.path("dname_b64").asText()),
          item.path("ttl").asLong(), item.path("record_type").asText(), values);
      if (r.lineIndex() < 0 || r.dname().isEmpty() || r.type().isEmpty()) {
        throw new WhmException("WHM parse_dns_zone " + zone + " gave a record without line_index, name or type: "
            + Printable.of(item.toString()));
      }
      if (r.type().equals("SOA") && r.data().size() >= 3) {
        serial = Long.parseLong(r.data().get(2).strip());
      }
      records.add(r);
    }
    if (serial == null) {
      throw new WhmException("WHM parse_dns_zone " + zone + " gave no SOA serial");
    }
    return new ZoneSnapshot(zone, serial, records);
  }

  /** Saves all changes in one call at {@code serial}; returns the new serial. */
  public long edit(String zone, long serial, List<Change> changes) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("zone", zone);
    p.put("serial", Long.toString(serial));
    Map<String, Integer> counts = new TreeMap<>();
    for (Change c : changes) {
      int n = counts.merge(c.op(), 1, Integer::sum) - 1;
      String key = n == 0 ? c.op() : c.op() + "-" + n;
      p.put(key, switch (c.op()) {
        case "remove" -> Integer.toString(c.before().lineIndex());
        case "edit" -> json(c.after(), c.before().lineIndex());
        default -> json(c.after(), -1);
      });
    }
    String body = whm.get("mass_edit_dns_zone", p);
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (JacksonException e) {
      throw new DnsException("WHM mass_edit_dns_zone " + zone + " answered malformed JSON", false);
    }
    if (root != null && !root.path("metadata").path("result").asText().equals("1")) {
      String type = root.path("data").path("payload").path("type").asText("");
      String reason = root.path("metadata").path("reason").asText("no reason");
      throw new DnsException("WHM mass_edit_dns_zone " + zone + " at serial " + serial + " failed: "
          + Printable.of(reason), type.equals("Stale") || reason.startsWith("Stale"));
    }
    return Long.parseLong(WhmClient.data("mass_edit_dns_zone", body).path("new_serial").asText().strip());
  }

  public String tweak(String key) {
    JsonNode data = WhmClient.data("get_tweaksetting", whm.get("get_tweaksetting", Map.of("key", key)));
    return data.path("tweaksetting").path("value").asText();
  }

  public void tweak(String key, String value) {
    String body = whm.get("set_tweaksetting", Map.of("key", key, "value", value));
    try {
      JsonNode meta = Json.mapper().readTree(body).path("metadata");
      if (!meta.path("result").asText().equals("1")) {
        throw new DnsException("WHM set_tweaksetting " + key + "=" + value + " failed: "
            + Printable.of(meta.path("reason").asText("no metadata")), false);
      }
    } catch (JacksonException e) {
      throw new DnsException("WHM set_tweaksetting " + key + " answered malformed JSON", false);
    }
  }

  private static String json(ZoneRecord r, int lineIndex) {
    ObjectNode n = Json.mapper().createObjectNode();
    if (lineIndex >= 0) {
      n.put("line_index", lineIndex);
    }
    n.put("dname", r.dname()).put("ttl", r.ttl()).put("record_type", r.type());
    r.data().forEach(n.putArray("data")::add);
    return n.toString();
  }

  private static String octets(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.ISO_8859_1);
  }
}
