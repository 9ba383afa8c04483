package io.cphub.agent.whm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.Printable;
import io.cphub.model.wire.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes WHM API 1 bodies leniently where WHM is loose (integers and booleans as strings, nulls)
 * and strictly where it matters: the {@code metadata} envelope must be present with
 * {@code result} 1, the list must be an array of objects, and each row must name its user and
 * domain. Stateless.
 */
final class WhmDecoder {
  private WhmDecoder() {}

  /** The {@code data} node of a successful answer; throws {@link WhmException} naming what is wrong. */
  static JsonNode data(String function, String body) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (JacksonException e) {
      throw new WhmException("WHM " + function + " answered malformed JSON (" + body.length() + " bytes): "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new WhmException("WHM " + function + " answered something that is not a JSON object");
    }
    JsonNode meta = root.get("metadata");
    if (meta == null || !meta.isObject()) {
      throw new WhmException("WHM " + function + " answered without a metadata envelope"
          + " (legacy API 0 shape or an error page?)");
    }
    if (!bool(meta.get("result"))) {
      throw new WhmException("WHM " + function + " failed: " + Printable.of(text(meta.get("reason"))));
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw new WhmException("WHM " + function + " answered result 1 without a data object");
    }
    return data;
  }

  /** Reason text of a {@code result: 0} answer, or null when the answer is not such a failure. */
  static String failureReason(String body) {
    try {
      JsonNode meta = Json.mapper().readTree(body).get("metadata");
      if (meta != null && meta.isObject() && meta.has("result") && !bool(meta.get("result"))) {
        return text(meta.get("reason"));
      }
    } catch (JacksonException | RuntimeException e) {
      return null;
    }
    return null;
  }

  static List<WhmDomain> domains(JsonNode data) {
    List<WhmDomain> out = new ArrayList<>();
    for (JsonNode row : rows(data, "domains", "get_domain_info")) {
      out.add(new WhmDomain(required(row, "domain", "get_domain_info"), required(row, "domain_type", "get_domain_info"),
          required(row, "user", "get_domain_info"), text(row.get("parent_domain"))));
    }
    return out;
  }

  static List<WhmAccount> accounts(JsonNode data, String function) {
    List<WhmAccount> out = new ArrayList<>();
    for (JsonNode row : rows(data, "acct", function)) {
      String owner = text(row.get("owner"));
      out.add(new WhmAccount(required(row, "user", function), required(row, "domain", function),
          owner == null || owner.equals("*unknown*") ? "root" : owner, bool(row.get("suspended"))));
    }
    return out;
  }

  private static List<JsonNode> rows(JsonNode data, String key, String function) {
    JsonNode array = data.get(key);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new WhmException("WHM " + function + " data." + key + " is not a list");
    }
    List<JsonNode> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode row = array.get(i);
      if (!row.isObject()) {
        throw new WhmException("WHM " + function + " data." + key + "[" + i + "] is not an object: "
            + Printable.of(row.toString()));
      }
      out.add(row);
    }
    return out;
  }

  private static String required(JsonNode row, String field, String function) {
    String v = text(row.get(field));
    if (v == null || v.isBlank()) {
      throw new WhmException("WHM " + function + " row without " + field + ": " + Printable.of(row.toString()));
    }
    return v;
  }

  /** Text of a scalar, null for missing/null; numbers and booleans as their text. */
  static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw new WhmException("expected a scalar, got " + Printable.of(n.toString()));
    }
    return n.asText();
  }

  /** 1, "1", true, "true" are true; 0, "0", "", false, null are false; anything else is an error. */
  static boolean bool(JsonNode n) {
    String s = text(n);
    if (s == null) {
      return false;
    }
    return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true" -> true;
      case "0", "false", "" -> false;
      default -> throw new WhmException("expected 0 or 1, got " + Printable.of(s));
    };
  }
}
