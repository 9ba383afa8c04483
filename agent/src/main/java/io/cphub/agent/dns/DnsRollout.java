package io.cphub.agent.dns;

import io.cphub.agent.AgentException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code dns plan} and {@code dns apply}: per zone read (parse_dns_zone), plan, and (when executing)
 * journal the old values, save at the read serial, re-read and re-plan on a stale serial up to
 * {@code staleRetries} times, verify, then pause. A zone that fails is reported and left as it
 * was. The Tweak Settings ({@code overwritecustomproxysubdomains=0}, {@code overwritecustomsrvrecords=0},
 * {@code autodiscover_host=<target>}) are set, journaled, only by a run over every zone with no
 * failure: the server-wide SRV rewrite must not reach zones left out or left failed. Single-threaded.
 */
public final class DnsRollout {
  /** Waits between zones; tests pass a recorder. */
  public interface Pause {
    void sleep(Duration d) throws InterruptedException;
  }

  private final DnsClient dns;
  private final DnsJournal journal;
  private final DnsSettings settings;
  private final Clock clock;
  private final Pause pause;

  public DnsRollout(DnsClient dns, DnsJournal journal, DnsSettings settings, Clock clock, Pause pause) {
    this.dns = dns;
    this.journal = journal;
    this.settings = settings;
    this.clock = clock;
    this.pause = pause;
  }

  /** {@code only} null = every zone; {@code limit} 0 = no limit on zones changed. */
  public DnsReport run(String only, int limit, boolean execute) {
    String target = settings.requireTarget();
    if (limit < 0) {
      throw new AgentException("--zones must be >= 0, was " + limit);
    }
    List<ServerZone> zones = select(dns.zones(), only);
    List<TweakChange> tweaks = tweaks(target);
    String host = tweaks.stream().filter(t -> t.key().equals("autodiscover_host")).findFirst().orElseThrow().current();
    ZonePlanner planner = new ZonePlanner(target, new LinkedHashSet<>(List.of(host, ZonePlanner.DEFAULT_SRV_HOST)),
        settings.addresses());
    List<ZoneResult> results = new ArrayList<>();
    int changed = 0;
    for (ServerZone z : zones) {
      if (limit > 0 && changed >= limit) {
        break;
      }
      ZoneResult r = zone(planner, z, execute);
      results.add(r);
      if (!r.changes().isEmpty() && !r.status().equals("skipped")) {
        changed++;
        if (execute) {
          sleep();
        }
      }
    }
    boolean complete = only == null && results.size() == zones.size();
    long failed = results.stream().filter(r -> r.status().equals("failed")).count();
    String note;
    if (!complete) {
      note = "not set: this run did not cover every zone (--only/--zones)";
    } else if (failed > 0) {
      note = "not set: " + failed + " zone(s) failed; fix and run again";
    } else if (!execute) {
      note = "would be set";
    } else {
      for (TweakChange t : tweaks) {
        if (t.needed()) {
          journal.append(JournalEntry.tweak(clock.instant().toString(), t.key(), t.current(), t.wanted()));
          dns.tweak(t.key(), t.wanted());
        }
      }
      note = "set";
    }
    return new DnsReport(execute, results, tweaks, note, zones.size());
  }

  private ZoneResult zone(ZonePlanner planner, ServerZone z, boolean execute) {
    String error = null;
    for (int attempt = 1; attempt <= settings.staleRetries() + 1; attempt++) {
      ZonePlan plan;
      try {
        plan = planner.plan(dns.read(z.zone()), z);
      } catch (AgentException | IllegalArgumentException e) {
        return ZoneResult.failed(z.zone(), "read failed: " + e.getMessage(), attempt);
      }
      List<String> text = plan.changes().stream().map(Change::describe).toList();
      if (plan.changes().isEmpty()) {
        return new ZoneResult(z.zone(), plan.skipped().stream().anyMatch(s -> s.contains("customised")) ? "skipped"
            : "unchanged", text, plan.skipped(), null, attempt);
      }
      if (!execute) {
        return new ZoneResult(z.zone(), "planned", text, plan.skipped(), null, attempt);
      }
      journal.append(JournalEntry.zone(clock.instant().toString(), z.zone(), "planned", plan.serial(), plan.changes(),
          null));
      try {
        long serial = dns.edit(z.zone(), plan.serial(), plan.changes());
        journal.append(JournalEntry.zone(clock.instant().toString(), z.zone(), "applied", serial, List.of(), null));
        String missing = verify(z.zone(), plan);
        if (missing != null) {
          new DnsRollback(dns, journal, clock).zone(z.zone());
          return ZoneResult.failed(z.zone(), missing + "; restored from the journal", attempt);
        }
        return new ZoneResult(z.zone(), "done", text, plan.skipped(), null, attempt);
      } catch (DnsException e) {
        journal.append(JournalEntry.zone(clock.instant().toString(), z.zone(), "failed", plan.serial(), List.of(),
            e.getMessage()));
        if (!e.stale()) {
          return ZoneResult.failed(z.zone(), e.getMessage(), attempt);
        }
        error = e.getMessage();
      } catch (AgentException e) {
        return ZoneResult.failed(z.zone(), e.getMessage(), attempt);
      }
    }
    return ZoneResult.failed(z.zone(), "serial still stale after " + (settings.staleRetries() + 1) + " attempts: "
        + error, settings.staleRetries() + 1);
  }

  /** Null when the zone holds every change, else what is missing. */
  private String verify(String zone, ZonePlan plan) {
    ZoneSnapshot now = dns.read(zone);
    for (Change c : plan.changes()) {
      if (c.op().equals("add")) {
        if (now.records().stream().noneMatch(r -> r.sameContent(c.after()))) {
          return "WHM answered success but the zone does not hold " + c.describe();
        }
        continue;
      }
      ZoneRecord at = now.line(c.before().lineIndex());
      boolean ok = c.op().equals("remove") ? at == null : c.after().sameContent(at);
      if (!ok) {
        return "WHM answered success but line " + c.before().lineIndex() + " does not hold " + c.describe();
      }
    }
    return null;
  }

  private List<TweakChange> tweaks(String target) {
    return List.of(new TweakChange("overwritecustomproxysubdomains", dns.tweak("overwritecustomproxysubdomains"), "0"),
        new TweakChange("overwritecustomsrvrecords", dns.tweak("overwritecustomsrvrecords"), "0"),
        new TweakChange("autodiscover_host", dns.tweak("autodiscover_host"), target));
  }

  private static List<ServerZone> select(List<ServerZone> zones, String only) {
    if (only == null) {
      return zones;
    }
    String name = Names.zone(only);
    List<ServerZone> one = zones.stream().filter(z -> z.zone().equals(name)).toList();
    if (one.isEmpty()) {
      throw new AgentException("--only " + only + ": no zone " + name + " on this server");
    }
    return one;
  }

  private void sleep() {
    try {
      pause.sleep(settings.pause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted between zones");
    }
  }
}
