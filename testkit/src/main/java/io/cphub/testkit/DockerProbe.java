package io.cphub.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Testcontainers, only when a Docker engine answers. */
final class DockerProbe {
  private DockerProbe() {}

  static boolean engineAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static PostgresServer startContainer() {
    PostgreSQLContainer c = new PostgreSQLContainer("postgres:17-alpine")
        .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
    c.start();
    Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "testcontainers-stop"));
    return PostgresServer.of(c.getHost(), c.getFirstMappedPort(), c.getUsername(), c.getPassword(),
        c.getDatabaseName(), "Testcontainers");
  }
}
