package io.cphub.simulator.hook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cphub.model.wire.Json;
import io.cphub.simulator.SimulatorException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Delivers each payload the way cPanel does: runs the hook script with the payload on stdin,
 * {@code CPHUB_SPOOL_DIR} set to the spool, and checks that it printed success.
 */
public final class ScriptHookSink implements HookSink {
  private final Path script;
  private final Path spool;

  public ScriptHookSink(Path script, Path spool) {
    this.script = script;
    this.spool = spool;
  }

  @Override
  public void deliver(ObjectNode payload) {
    try {
      ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString());
      pb.environment().put("CPHUB_SPOOL_DIR", spool.toString());
      pb.redirectErrorStream(true);
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(Json.mapper().writeValueAsBytes(payload));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("1")) {
        throw new SimulatorException("hook script " + script + " failed: " + out);
      }
    } catch (IOException e) {
      throw new SimulatorException("cannot run hook script " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulatorException("interrupted while running hook script " + script, e);
    }
  }
}
