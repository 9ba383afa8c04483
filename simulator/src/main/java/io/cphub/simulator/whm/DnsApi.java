package io.cphub.simulator.whm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.SimulatorException;
import io.cphub.simulator.dns.DnsFailure;
import io.cphub.simulator.dns.DnsStore;
import io.cphub.simulator.dns.Zone;
import io.cphub.simulator.dns.ZoneLine;
import io.cphub.simulator.state.ServerState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The WHM API 1 DNS and Tweak Settings functions: {@code parse_dns_zone} (base64 names and data),
 * {@code mass_edit_dns_zone} ({@code serial}, {@code add}/{@code edit}/{@code remove} and their
 * {@code -1}, {@code -2}... repeats; {@code Stale} and cluster failures as typed payloads),
 * {@code get_tweaksetting}, {@code set_tweaksetting}. Thread-safe through {@link DnsStore}.
 */
final class DnsApi {
  static final List<String> FUNCTIONS = List.of("parse_dns_zone", "mass_edit_dns_zone", "get_tweaksetting",
      "set_tweaksetting");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final ServerState state;
  private final DnsStore dns;

  DnsApi(ServerState state, DnsStore dns) {
    this.state = state;
    this.dns = dns;
  }

  ObjectNode answer(String function, Map<String, String> q) {
    dns.sync(state.accounts());
    try {
      return switch (function) {
        case "parse_dns_zone" -> parse(required(q, "zone"));
        case "mass_edit_dns_zone" -> massEdit(q);
        case "get_tweaksetting" -> tweaksetting(required(q, "key"), dns.tweak(required(q, "key")), function);
        default -> {
          dns.tweak(required(q, "key"), q.get("value"));
          yield WhmApi.envelope(function, 1, "OK", null);
        }
      };
    } catch (DnsFailure e) {
      ObjectNode data = F.objectNode();
      data.putObject("payload").put("type", e.type()).put("detail", e.getMessage());
      return WhmApi.envelope(function, 0, e.type() + ": " + e.getMessage(), data);
    }
  }

  private ObjectNode parse(String zone) {
    List<ZoneLine> lines = dns.read(zone);
    ObjectNode data = F.objectNode();
    ArrayNode payload = data.putArray("payload");
    for (int i = 0; i < lines.size(); i++) {
      ZoneLine l = lines.get(i);
      if (l == null) {
        continue;
      }
      ObjectNode item = payload.addObject().put("line_index", i).put("type", l.kind());
      if (l.isRecord()) {
        item.put("dname_b64", b64(l.dname())).put("ttl", l.ttl()).put("record_type", l.type());
        ArrayNode d = item.putArray("data_b64");
        l.data().forEach(v -> d.add(b64(v)));
      } else {
        item.put("text_b64", b64(l.text()));
      }
    }
    return WhmApi.envelope("parse_dns_zone", 1, "OK", data);
  }

  private ObjectNode massEdit(Map<String, String> q) {
    String zone = required(q, "zone");
    long serial;
    try {
      serial = Long.parseLong(required(q, "serial"));
    } catch (NumberFormatException e) {
      throw new SimulatorException("The serial \"" + q.get("serial") + "\" is not a number.");
    }
    List<Zone.Op> ops = new ArrayList<>();
    for (String kind : List.of("add", "edit", "remove")) {
      for (int n = 0; q.containsKey(n == 0 ? kind : kind + "-" + n); n++) {
        String raw = q.get(n == 0 ? kind : kind + "-" + n);
        ops.add(kind.equals("remove") ? new Zone.Op(kind, index(raw), null) : op(kind, raw));
      }
    }
    long next = dns.edit(zone, serial, ops);
    ObjectNode data = F.objectNode().put("new_serial", Long.toString(next));
    return WhmApi.envelope("mass_edit_dns_zone", 1, "OK", data);
  }

  private static Zone.Op op(String kind, String raw) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(raw);
    } catch (JacksonException e) {
      throw new SimulatorException("The \"" + kind + "\" value is not valid JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject() || !n.path("dname").isTextual() || !n.path("record_type").isTextual()
        || !n.path("data").isArray() || n.path("data").isEmpty()) {
      throw new SimulatorException("The \"" + kind + "\" value needs dname, record_type and a non-empty data list.");
    }
    List<String> data = new ArrayList<>();
    n.get("data").forEach(d -> data.add(octets(d.asText())));
    ZoneLine line = new ZoneLine("record", null, octets(n.get("dname").asText()), n.path("ttl").asLong(14400),
        n.get("record_type").asText(), data);
    return new Zone.Op(kind, kind.equals("edit") ? index(n.path("line_index").asText("")) : -1, line);
  }

  private static int index(String raw) {
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new SimulatorException("The line index \"" + raw + "\" is not a number.");
    }
  }

  private static ObjectNode tweaksetting(String key, String value, String function) {
    ObjectNode data = F.objectNode();
    data.putObject("tweaksetting").put("key", key).put("value", value);
    return WhmApi.envelope(function, 1, "OK", data);
  }

  private static String required(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null || v.isEmpty()) {
      throw new SimulatorException("The parameter \"" + name + "\" is required.");
    }
    return v;
  }

  /** JSON text (UTF-8) to the octet string the zone stores. */
  private static String octets(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static String b64(String octets) {
    return B64.encodeToString(octets.getBytes(StandardCharsets.ISO_8859_1));
  }
}
