package io.cphub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One child process of the demo: a cphub jar run with `java -jar`, its output in a log file. */
final class Child {
  private final String name;
  private final Process process;
  private final Path log;

  private Child(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static Child start(String name, Path jar, Path workdir, String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Path log = workdir.resolve(name + ".log");
    try {
      Process p = new ProcessBuilder(cmd).directory(workdir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      return new Child(name, p, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + cmd, e);
    }
  }

  /** Runs a jar to completion and fails with its log when it exits non-zero. */
  static void run(String name, Path jar, Path workdir, Duration timeout, String... args) {
    Child c = start(name, jar, workdir, args);
    try {
      if (!c.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        c.stop();
        throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + c.log);
      }
      if (c.process.exitValue() != 0) {
        throw new IllegalStateException(name + " exited " + c.process.exitValue() + "; see " + c.log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
  }

  void awaitPort(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before port " + port
            + " opened; see " + log);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        pause(100);
      }
    }
    throw new IllegalStateException(name + " did not open port " + port + " within " + timeout + "; see " + log);
  }

  Path log() {
    return log;
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
