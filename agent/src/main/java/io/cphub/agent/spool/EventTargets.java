package io.cphub.agent.spool;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.InvalidNameException;
import io.cphub.model.Username;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which accounts a hook payload concerns. Only the account names are taken from the payload; the
 * agent re-reads everything else from WHM. Suspension events name the account in
 * {@code data.args.user} ({@code data.user} is the actor); a rename ({@code Accounts::Modify} with
 * {@code newuser}) names both; a modification without {@code newuser} and events without a usable
 * account name also ask for a full snapshot. {@code PkgAcct Restore} and a restoring
 * {@code Accounts::Create} ({@code is_restore}) also mark their account as restored.
 */
final class EventTargets {
  private EventTargets() {}

  static SpoolEvent of(String file, JsonNode payload) {
    JsonNode ctx = payload.path("context");
    String category = ctx.path("category").asText("");
    String event = ctx.path("event").asText("");
    JsonNode data = payload.path("data");
    String name = category + "/" + event + "/" + ctx.path("stage").asText("");
    Set<String> users = new LinkedHashSet<>();
    Set<String> restored = new LinkedHashSet<>();
    boolean full;
    switch (category + "/" + event) {
      case "Whostmgr/Accounts::suspendacct", "Whostmgr/Accounts::unsuspendacct" ->
          full = !add(users, data.path("args").path("user"));
      case "Whostmgr/Accounts::Modify" -> {
        boolean named = add(users, data.path("user"));
        boolean renamedTo = data.has("newuser") && add(users, data.path("newuser"));
        // Without a usable newuser a rename cannot be told from other changes: a full snapshot
        // picks up the new name and drops the old one in one write.
        full = !named || !renamedTo;
      }
      case "PkgAcct/Restore" -> {
        full = !add(users, data.path("user"));
        add(restored, data.path("user"));
      }
      case "Whostmgr/Accounts::Create" -> {
        full = !add(users, data.path("user"));
        if (truthy(data.path("is_restore"))) {
          add(restored, data.path("user"));
        }
      }
      case "Whostmgr/Accounts::Remove", "Whostmgr/Accounts::change_package",
          "Whostmgr/Accounts::SiteIP::set", "Whostmgr/Accounts::rearrangeacct", "Whostmgr/Domain::park",
          "Whostmgr/Domain::unpark", "Whostmgr/Domain::addsubdomain", "Whostmgr/Domain::delsubdomain" ->
          full = !add(users, data.path("user"));
      default -> full = true;
    }
    return new SpoolEvent(file, name, users, full, restored);
  }

  /** cPanel's flags arrive as 1/0, "1"/"0" or true/false. */
  private static boolean truthy(JsonNode n) {
    return n.isBoolean() ? n.asBoolean() : n.isNumber() ? n.asInt() != 0 : n.isTextual() && n.asText().equals("1");
  }

  private static boolean add(Set<String> users, JsonNode node) {
    if (!node.isTextual()) {
      return false;
    }
    try {
      users.add(Username.parse(node.asText()).name());
      return true;
    } catch (InvalidNameException e) {
      return false;
    }
  }
}
