package io.cphub.agent.sessions;

import io.cphub.agent.AgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last feed version whose departures were handled and the feed identity it belongs to
 * ({@code VERSION [IDENTITY]} on one line), in a file replaced atomically, so a restarted agent
 * neither kicks a move again nor misses one made while it was down. Not thread-safe: one follower
 * owns it.
 */
final class CursorFile {
  /** A saved cursor; {@code identity} null when the registry named none. */
  record Saved(long version, String identity) {}

  private final Path file;

  CursorFile(Path file) {
    this.file = file;
  }

  /** The saved cursor, or null when there is none (first start); unreadable: said in the exception. */
  Saved read() {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ", -1);
      if (parts.length > 2 || parts.length == 2 && parts[1].isBlank()) {
        throw new AgentException("departures cursor file " + file + " is not VERSION [IDENTITY]");
      }
      long v = Long.parseLong(parts[0]);
      if (v < 0) {
        throw new AgentException("departures cursor file " + file + " holds a negative version: " + v);
      }
      return new Saved(v, parts.length == 2 ? parts[1] : null);
    } catch (IOException | NumberFormatException e) {
      throw new AgentException("cannot read departures cursor file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Forgets the cursor: the next start begins at the head. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new AgentException("cannot remove departures cursor file " + file + ": " + e.getMessage(), e);
    }
  }

  void write(long version, String identity) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".departures", ".tmp");
      String line = identity == null || identity.isBlank() || identity.contains(" ") ? Long.toString(version)
          : version + " " + identity;
      Files.writeString(tmp, line + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AgentException("cannot write departures cursor file " + file + ": " + e.getMessage(), e);
    }
  }
}
