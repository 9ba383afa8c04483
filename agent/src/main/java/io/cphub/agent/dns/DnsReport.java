package io.cphub.agent.dns;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.agent.AgentException;
import io.cphub.model.wire.Json;
import java.util.List;

/**
 * The outcome of {@code dns plan}/{@code apply}/{@code rollback}: per zone results, the Tweak
 * Settings, and counts; printable as a table or as JSON. {@code total} is the number of zones
 * the run could have covered.
 */
public record DnsReport(boolean executed, List<ZoneResult> zones, List<TweakChange> tweaks, String tweakNote,
    int total) {
  public DnsReport {
    zones = List.copyOf(zones);
    tweaks = List.copyOf(tweaks);
  }

  public long count(String status) {
    return zones.stream().filter(z -> z.status().equals(status)).count();
  }

  public boolean anyFailed() {
    return count("failed") > 0 || count("conflict") > 0;
  }

  public String json() {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new AgentException("cannot render the DNS report", e);
    }
  }

  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-40s %-10s %s%n", "ZONE", "STATUS", "CHANGE / NOTE"));
    for (ZoneResult z : zones) {
      b.append(String.format("%-40s %-10s %s%n", z.zone(), z.status(), z.changes().isEmpty() ? "" : z.changes().get(0)));
      z.changes().stream().skip(1).forEach(c -> b.append(String.format("%-40s %-10s %s%n", "", "", c)));
      z.skipped().stream().filter(s -> !s.contains("no record") && !s.contains("no SRV"))
          .forEach(s -> b.append(String.format("%-40s %-10s left alone: %s%n", "", "", s)));
      if (z.error() != null) {
        b.append(String.format("%-40s %-10s error: %s%n", "", "", z.error()));
      }
    }
    b.append(String.format("%nTweak Settings (%s):%n", tweakNote));
    tweaks.forEach(t -> b.append(String.format("  %-32s %s -> %s%s%n", t.key(), t.current(), t.wanted(),
        t.needed() ? "" : " (already)")));
    b.append(String.format("%nzones: %d of %d examined; planned %d, done %d, unchanged %d, skipped %d, failed %d%s%n",
        zones.size(), total, count("planned"), count("done"), count("unchanged"), count("skipped"), count("failed"),
        count("restored") + count("conflict") > 0 ? ", restored " + count("restored") + ", conflict "
            + count("conflict") : ""));
    if (!executed) {
      b.append("dry run: nothing was changed (add --execute to apply)\n");
    }
    return b.toString();
  }
}
