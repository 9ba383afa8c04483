package io.cphub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free loopback ports for every listener of the demo, and where the project's jars are. */
record DemoPorts(int postgres, int registry, int whm, int auth, int admin, int autoconfig) {
  static DemoPorts pick() {
    return new DemoPorts(free(), free(), free(), free(), free(), free());
  }

  private static int free() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** The project root: two levels above demo/target/cphub-demo.jar, or the working directory. */
  static Path projectHome() {
    try {
      Path jar = Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = jar.getParent().getParent().getParent();
      if (candidate != null && Files.isDirectory(candidate.resolve("registry"))) {
        return candidate;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }
}
