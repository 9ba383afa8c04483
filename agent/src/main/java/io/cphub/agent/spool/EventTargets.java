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
 * account name also ask for a full snapshot.
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
      case "Whostmgr/Accounts::Create", "Whostmgr/Accounts::Remove", "Whostmgr/Accounts::change_package",
          "Whostmgr/Accounts::SiteIP::set", "Whostmgr/Accounts::rearrangeacct", "Whostmgr/Domain::park",
          "Whostmgr/Domain::unpark", "Whostmgr/Domain::addsubdomain", "Whostmgr/Domain::delsubdomain",
          "PkgAcct/Restore" -> full = !add(users, data.path("user"));
      default -> full = true;
    }
    return new SpoolEvent(file, name, users, full);
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
