package io.cphub.simulator.hook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.SimulatorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each payload into a spool directory the way the hook script does: into {@code tmp/},
 * then renamed into {@code new/} (atomic), without the {@code pass} field.
 */
public final class SpoolHookSink implements HookSink {
  private static final AtomicLong SEQ = new AtomicLong();
  private final Path spool;

  public SpoolHookSink(Path spool) {
    this.spool = spool;
  }

  @Override
  public void deliver(ObjectNode payload) {
    ObjectNode copy = payload.deepCopy();
    if (copy.get("data") instanceof ObjectNode data) {
      data.remove("pass");
    }
    String name = System.currentTimeMillis() * 1_000_000L + (System.nanoTime() % 1_000_000L + 1_000_000L) % 1_000_000L
        + "." + ProcessHandle.current().pid() + "." + SEQ.incrementAndGet() + ".json";
    try {
      Files.createDirectories(spool.resolve("tmp"));
      Files.createDirectories(spool.resolve("new"));
      Path tmp = spool.resolve("tmp").resolve(name);
      Files.write(tmp, Json.mapper().writeValueAsBytes(copy));
      Files.move(tmp, spool.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SimulatorException("cannot write hook event into " + spool + ": " + e.getMessage(), e);
    }
  }
}
