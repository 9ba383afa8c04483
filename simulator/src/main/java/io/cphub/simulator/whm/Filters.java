package io.cphub.simulator.whm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.simulator.SimulatorException;
import io.cphub.simulator.state.SimAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** WHM API 1's generic output controls the simulator supports: {@code want=} and {@code api.filter.*}. */
final class Filters {
  private Filters() {}

  /** Keeps only the listed fields ({@code want=user,domain}); all fields when {@code want} is null. */
  static List<ObjectNode> want(List<ObjectNode> rows, String want) {
    if (want == null || want.isBlank()) {
      return rows;
    }
    Set<String> keep = Set.of(want.split(","));
    List<ObjectNode> out = new ArrayList<>(rows.size());
    for (ObjectNode r : rows) {
      ObjectNode copy = r.deepCopy();
      copy.retain(keep);
      out.add(copy);
    }
    return out;
  }

  /**
   * The accounts whose rows can pass an exact {@code user} filter, so a per-account
   * {@code get_domain_info} does not render every row of the server first (same answer, faster).
   */
  static List<SimAccount> narrowByUser(List<SimAccount> accounts, Map<String, String> query) {
    if (!"1".equals(query.get("api.filter.enable"))) {
      return accounts;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      if ("user".equals(query.get("api.filter." + c + ".field"))
          && "==".equals(query.get("api.filter." + c + ".type"))) {
        String user = query.getOrDefault("api.filter." + c + ".arg0", "");
        return accounts.stream().filter(a -> a.user().equals(user)).toList();
      }
    }
    return accounts;
  }

  /** Applies {@code api.filter.enable=1} with filters a..z ({@code contains} or {@code ==}). */
  static List<ObjectNode> apply(List<ObjectNode> rows, Map<String, String> query) {
    if (!"1".equals(query.get("api.filter.enable"))) {
      return rows;
    }
    List<ObjectNode> out = rows;
    for (char c = 'a'; c <= 'z'; c++) {
      String field = query.get("api.filter." + c + ".field");
      if (field == null) {
        continue;
      }
      String arg = query.getOrDefault("api.filter." + c + ".arg0", "");
      String type = query.getOrDefault("api.filter." + c + ".type", "contains");
      if (!type.equals("contains") && !type.equals("==")) {
        throw new SimulatorException("filter type " + type + " is not simulated (contains, ==)");
      }
      List<ObjectNode> next = new ArrayList<>();
      for (ObjectNode r : out) {
        JsonNode v = r.get(field);
        String s = v == null || v.isNull() ? "" : v.asText();
        boolean hit = type.equals("==") ? s.equals(arg)
            : s.toLowerCase(Locale.ROOT).contains(arg.toLowerCase(Locale.ROOT));
        if (hit) {
          next.add(r);
        }
      }
      out = next;
    }
    return out;
  }
}
