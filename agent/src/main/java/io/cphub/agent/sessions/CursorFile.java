package io.cphub.agent.sessions;

import io.cphub.agent.AgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last feed version whose departures were handled, one number in a file replaced atomically,
 * so a restarted agent neither kicks a move again nor misses one made while it was down. Not
 * thread-safe: one follower owns it.
 */
final class CursorFile {
  private final Path file;

  CursorFile(Path file) {
    this.file = file;
  }

  /** The saved version, or null when there is none (first start) or it cannot be read (said in the exception). */
  Long read() {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
      long v = Long.parseLong(s);
      if (v < 0) {
        throw new AgentException("departures cursor file " + file + " holds a negative version: " + v);
      }
      return v;
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

  void write(long version) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".departures", ".tmp");
      Files.writeString(tmp, version + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AgentException("cannot write departures cursor file " + file + ": " + e.getMessage(), e);
    }
  }
}
