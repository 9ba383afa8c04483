package io.cphub.agent.push;

import io.cphub.agent.AgentException;
import io.cphub.model.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The agent's status as a JSON file, replaced atomically, so {@code status} works without the daemon. */
public final class StatusFile {
  private final Path file;

  public StatusFile(Path file) {
    this.file = file;
  }

  public void write(AgentStatus status) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".status", ".tmp");
      Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AgentException("cannot write status file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The last written status, or null when the agent never ran. */
  public AgentStatus read() {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Json.mapper().readValue(file.toFile(), AgentStatus.class);
    } catch (IOException e) {
      throw new AgentException("cannot read status file " + file + ": " + e.getMessage(), e);
    }
  }
}
