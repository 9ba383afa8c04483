package io.cphub.simulator.whm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.SimDomain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders accounts as WHM rows, with the loose types real servers send: some integers as strings,
 * {@code suspendtime} null or 0, {@code *unknown*} values, addon domains backed by hidden
 * {@code sub} rows whose name is the addon's {@code parent_domain}.
 */
final class Rows {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Rows() {}

  static List<ObjectNode> domainRows(List<SimAccount> accounts) {
    List<ObjectNode> rows = new ArrayList<>();
    for (SimAccount a : accounts) {
      rows.add(domainRow(a, a.domain(), "main", a.domain()));
      for (SimDomain d : a.domains()) {
        switch (d.type()) {
          case "addon" -> {
            String backing = a.backingSubdomain(d.domain());
            rows.add(domainRow(a, d.domain(), "addon", backing));
            rows.add(domainRow(a, backing, "sub", a.domain()));
          }
          case "parked" -> rows.add(domainRow(a, d.domain(), "parked", a.domain()));
          default -> rows.add(domainRow(a, d.domain(), "sub", a.domain()));
        }
      }
    }
    rows.sort(Comparator.comparing(r -> r.get("domain").asText()));
    return rows;
  }

  private static ObjectNode domainRow(SimAccount a, String domain, String type, String parent) {
    ObjectNode r = F.objectNode();
    r.put("domain", domain);
    r.put("domain_type", type);
    r.put("user", a.user());
    r.put("user_owner", a.owner());
    r.put("parent_domain", parent);
    r.put("docroot", "/home/" + a.user() + "/public_html");
    r.put("ipv4", "192.0.2.10");
    r.put("ipv4_ssl", "192.0.2.10");
    r.put("port", "80");
    r.put("port_ssl", "443");
    r.putNull("ipv6");
    r.put("ipv6_is_dedicated", 0);
    r.put("php_version", "ea-php81");
    r.put("modsecurity_enabled", 1);
    return r;
  }

  static ObjectNode accountRow(SimAccount a, int uid) {
    boolean quirky = (a.user().hashCode() & 1) == 1;
    ObjectNode r = F.objectNode();
    r.put("user", a.user());
    r.put("domain", a.domain());
    r.put("owner", a.owner());
    r.put("plan", "default");
    r.put("partition", "home");
    r.put("ip", "192.0.2.10");
    r.putArray("ipv6");
    r.put("email", quirky ? "*unknown*" : "admin@" + a.domain());
    if (quirky) {
      r.put("suspended", a.suspended() ? "1" : "0");
      r.put("uid", Integer.toString(uid));
      r.put("unix_startdate", "1369256589");
      r.put("is_locked", "0");
    } else {
      r.put("suspended", a.suspended() ? 1 : 0);
      r.put("uid", uid);
      r.put("unix_startdate", 1369256589L);
      r.put("is_locked", 0);
    }
    if (!a.suspended()) {
      r.put("suspendreason", "not suspended");
      if (quirky) {
        r.put("suspendtime", 0);
      } else {
        r.putNull("suspendtime");
      }
    } else {
      r.put("suspendreason", a.suspendReason() == null ? "*unknown*" : a.suspendReason());
      if (a.suspendTime() == null) {
        r.putNull("suspendtime");
      } else {
        r.put("suspendtime", a.suspendTime());
      }
    }
    r.put("startdate", "13 May 22 16:03");
    r.put("diskused", quirky ? "none" : "14M");
    r.put("disklimit", "unlimited");
    r.put("maxaddons", "*unknown*");
    r.put("maxparked", "unlimited");
    r.put("maxsub", "unlimited");
    r.put("mailbox_format", "maildir");
    r.put("shell", "/usr/local/cpanel/bin/noshell");
    r.put("theme", "jupiter");
    r.putArray("child_nodes");
    return r;
  }
}
