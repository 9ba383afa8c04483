package io.cphub.agent.spool;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hook spool directory. The hook script writes each event into {@code tmp/} and renames it
 * into {@code new/} (atomic); the agent reads {@code new/}, and deletes a file only after the
 * registry accepted the change it caused. Unreadable files move to {@code bad/}. Used by one
 * thread (the sync loop); the hook script may add files concurrently.
 */
public final class Spool {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  private static final long MAX_EVENT_BYTES = 1 << 20;

  private final Path dir;

  public Spool(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Creates {@code tmp/}, {@code new/} and {@code bad/}. */
  public void init() {
    try {
      for (String sub : List.of("tmp", "new", "bad")) {
        Files.createDirectories(dir.resolve(sub));
      }
    } catch (IOException e) {
      throw new SpoolException("cannot create spool directories under " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Names of the files waiting in {@code new/}, sorted (oldest first by name). */
  public List<String> list() {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("new"), "*.json")) {
      files.forEach(p -> names.add(p.getFileName().toString()));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new SpoolException("cannot list spool " + dir.resolve("new") + ": " + e.getMessage(), e);
    }
    names.sort(null);
    return names;
  }

  public int depth() {
    return list().size();
  }

  /** Reads one event, or returns null after moving an unreadable file to {@code bad/}. */
  public SpoolEvent read(String name) {
    Path file = dir.resolve("new").resolve(name);
    try {
      if (Files.size(file) > MAX_EVENT_BYTES) {
        quarantine(name, "larger than " + MAX_EVENT_BYTES + " bytes");
        return null;
      }
      JsonNode payload = Json.mapper().readTree(file.toFile());
      if (payload == null || !payload.isObject()) {
        quarantine(name, "not a JSON object");
        return null;
      }
      return EventTargets.of(name, payload);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      quarantine(name, e.getMessage());
      return null;
    }
  }

  /**
   * Deletes files in {@code tmp/} last written before {@code cutoff}: the hook moves its file out
   * of {@code tmp/} within milliseconds, so an old one is left by a hook that was killed mid-write.
   * Returns how many were deleted.
   */
  public int removeAbandoned(Instant cutoff) {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("tmp"))) {
      for (Path p : files) {
        try {
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
              && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)
              && Files.deleteIfExists(p)) {
            removed++;
          }
        } catch (NoSuchFileException e) {
          // the hook renamed it meanwhile
        }
      }
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new SpoolException("cannot clean " + dir.resolve("tmp") + ": " + e.getMessage(), e);
    }
    if (removed > 0) {
      LOG.warn("removed {} abandoned hook file(s) from {} (a hook was killed while writing)", removed, dir.resolve("tmp"));
    }
    return removed;
  }

  /** Deletes files whose change the registry accepted. */
  public void delete(Collection<String> names) {
    for (String name : names) {
      try {
        Files.deleteIfExists(dir.resolve("new").resolve(name));
      } catch (IOException e) {
        throw new SpoolException("cannot delete spool file " + name + ": " + e.getMessage(), e);
      }
    }
  }

  private void quarantine(String name, String reason) {
    LOG.warn("spool file {} is unreadable ({}); moved to {}", name, reason, dir.resolve("bad"));
    try {
      Files.createDirectories(dir.resolve("bad"));
      Files.move(dir.resolve("new").resolve(name), dir.resolve("bad").resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new SpoolException("cannot move unreadable spool file " + name + " to bad/: " + e.getMessage(), e);
    }
  }
}
