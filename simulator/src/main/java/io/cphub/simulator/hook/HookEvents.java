package io.cphub.simulator.hook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds stdin payloads as cPanel's standardized hooks deliver them:
 * {@code {"context":{category,event,stage,point},"hook":{...},"data":{...}}}. The {@code data} keys
 * follow the event catalogue (account creation carries a clear-text {@code pass}, as cPanel's does).
 */
public final class HookEvents {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private HookEvents() {}

  public static ObjectNode payload(String category, String event, String stage, ObjectNode data) {
    ObjectNode root = F.objectNode();
    ObjectNode ctx = root.putObject("context");
    ctx.put("category", category);
    ctx.put("event", event);
    ctx.put("stage", stage);
    ctx.put("point", "main");
    ObjectNode hook = root.putObject("hook");
    hook.put("hook", "/usr/local/cphub-agent/bin/cphub-hook");
    hook.put("exectype", "script");
    hook.put("stage", stage);
    hook.put("weight", 100);
    hook.put("escalateprivs", 0);
    hook.put("id", "sim" + Long.toHexString(System.nanoTime()));
    root.set("data", data);
    return root;
  }

  public static ObjectNode accountCreate(String user, String domain, String owner, boolean restore) {
    ObjectNode d = F.objectNode();
    d.put("user", user);
    d.put("domain", domain);
    d.put("owner", owner);
    d.put("plan", "default");
    d.put("homedir", "/home/" + user);
    d.put("contactemail", "admin@" + domain);
    d.put("mxcheck", "local");
    d.put("is_restore", restore ? 1 : 0);
    d.put("pass", "Cl3ar-Text \"pass\" \\ word");
    return payload("Whostmgr", "Accounts::Create", "post", d);
  }

  /** {@code PkgAcct Restore} at stage {@code post}: the account was restored from a package (a transfer's last step). */
  public static ObjectNode pkgacctRestore(String user) {
    ObjectNode d = F.objectNode();
    d.put("user", user);
    d.put("extract_dir", "/home/cpmove-" + user);
    d.put("restore_type", "transfer");
    return payload("PkgAcct", "Restore", "post", d);
  }

  public static ObjectNode accountRemove(String user, String stage) {
    ObjectNode d = F.objectNode();
    d.put("user", user);
    d.put("killdns", 1);
    d.put("keep_remote_databases", 0);
    return payload("Whostmgr", "Accounts::Remove", stage, d);
  }

  public static ObjectNode accountModify(String user, String newUser, String domain) {
    ObjectNode d = F.objectNode();
    d.put("user", user);
    if (newUser != null) {
      d.put("newuser", newUser);
    }
    d.put("domain", domain);
    return payload("Whostmgr", "Accounts::Modify", "post", d);
  }

  public static ObjectNode suspension(String user, boolean suspend, String reason) {
    ObjectNode d = F.objectNode();
    ObjectNode args = d.putObject("args");
    args.put("user", user);
    if (suspend) {
      args.put("reason", reason == null ? "" : reason);
      args.put("disallowun", 0);
    }
    d.put("result", 1);
    d.put("user", "root");
    return payload("Whostmgr", suspend ? "Accounts::suspendacct" : "Accounts::unsuspendacct", "post", d);
  }

  public static ObjectNode park(String user, String target, String domain) {
    ObjectNode d = F.objectNode();
    d.put("target_domain", target);
    d.put("new_domain", domain);
    d.put("user", user);
    return payload("Whostmgr", "Domain::park", "post", d);
  }

  public static ObjectNode unpark(String user, String parent, String domain) {
    ObjectNode d = F.objectNode();
    d.put("domain", domain);
    d.put("parent_domain", parent);
    d.put("user", user);
    return payload("Whostmgr", "Domain::unpark", "post", d);
  }

  public static ObjectNode subdomain(String user, String fullName, String root, boolean add) {
    ObjectNode d = F.objectNode();
    d.put("user", user);
    String label = fullName.endsWith("." + root) ? fullName.substring(0, fullName.length() - root.length() - 1) : fullName;
    d.put("subdomain", add ? label : fullName);
    d.put("rootdomain", root);
    return payload("Whostmgr", add ? "Domain::addsubdomain" : "Domain::delsubdomain", "post", d);
  }
}
