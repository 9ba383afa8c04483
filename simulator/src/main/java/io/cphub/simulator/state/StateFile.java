package io.cphub.simulator.state;

import io.cphub.model.wire.Json;
import io.cphub.simulator.SimulatorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulator's state file: {@code {"servers":[{"name","whmUser","whmToken","accounts":[...]}]}}.
 * Server names must be unique.
 */
public record StateFile(List<ServerSpec> servers) {
  public StateFile {
    servers = servers == null ? List.of() : List.copyOf(servers);
    Set<String> names = new HashSet<>();
    for (ServerSpec s : servers) {
      if (!names.add(s.name())) {
        throw new SimulatorException("server " + s.name() + " appears twice in the state file");
      }
    }
  }

  public static StateFile read(Path file) {
    try {
      return Json.mapper().readValue(file.toFile(), StateFile.class);
    } catch (IOException e) {
      throw new SimulatorException("cannot read state file " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SimulatorException("cannot write state file " + file + ": " + e.getMessage(), e);
    }
  }
}
