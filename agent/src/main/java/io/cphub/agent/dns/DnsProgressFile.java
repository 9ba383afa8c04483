package io.cphub.agent.dns;

import io.cphub.agent.AgentException;
import io.cphub.model.wire.DnsProgress;
import io.cphub.model.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where this server's DNS change stands, kept across {@code dns apply} runs in a JSON file that the
 * running agent reports to the registry with its pushes: each zone's last status from an executing
 * run ({@code done} and {@code unchanged} count as done), and the server's zone count from the last
 * run without {@code --only}. A run over every zone replaces the zones; {@code --only}/{@code --zones}
 * runs update the zones they covered. {@code dns rollback} removes the zones it restored. Replaced
 * atomically; one writer at a time (the command), any number of readers.
 */
public final class DnsProgressFile {
  /** The stored form. */
  record Stored(Map<String, String> zones, int serverZones, Instant at) {}

  private final Path file;

  public DnsProgressFile(Path file) {
    this.file = file;
  }

  /** Records an executing run of {@code dns apply [--only only] [--zones limit]}. */
  public void record(DnsReport r, String only, int limit, Instant at) {
    if (!r.executed()) {
      return;
    }
    Stored old = read();
    Map<String, String> zones = new TreeMap<>(only == null && limit == 0 || old == null ? Map.of() : old.zones());
    r.zones().forEach(z -> zones.put(z.zone(), z.status()));
    int serverZones = only == null ? r.total() : Math.max(old == null ? 0 : old.serverZones(), zones.size());
    write(new Stored(zones, serverZones, at));
  }

  /** Forgets the zones a rollback restored ({@code only} null: every zone, the file goes; else that domain's zone). */
  public void rolledBack(String only) {
    String zone = only == null ? null : Names.zone(only);
    Stored old = read();
    if (old == null) {
      return;
    }
    if (zone == null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new AgentException("cannot remove DNS progress file " + file + ": " + e.getMessage(), e);
      }
      return;
    }
    Map<String, String> zones = new TreeMap<>(old.zones());
    zones.remove(zone);
    write(new Stored(zones, old.serverZones(), old.at()));
  }

  /** The counts, or null when no executing run was recorded or the file cannot be read. */
  public DnsProgress progress() {
    Stored s;
    try {
      s = read();
    } catch (AgentException e) {
      return null;
    }
    if (s == null) {
      return null;
    }
    int done = 0;
    int skipped = 0;
    int failed = 0;
    for (String status : s.zones().values()) {
      switch (status) {
        case "done", "unchanged" -> done++;
        case "skipped" -> skipped++;
        case "failed" -> failed++;
        default -> { }
      }
    }
    return new DnsProgress(done, skipped, failed, Math.max(0, s.serverZones() - done - skipped - failed), s.at());
  }

  private Stored read() {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Json.tolerant().readValue(file.toFile(), Stored.class);
    } catch (IOException e) {
      throw new AgentException("cannot read DNS progress file " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(Stored s) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".dns-progress", ".tmp");
      Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AgentException("cannot write DNS progress file " + file + ": " + e.getMessage(), e);
    }
  }
}
