package io.cphub.registry;

import io.cphub.registry.api.Api;
import io.cphub.registry.api.RegistryServer;
import io.cphub.registry.config.RegistryConfig;
import io.cphub.registry.metrics.ContestGauge;
import io.cphub.registry.metrics.RegistryMetrics;
import io.cphub.registry.metrics.SnapshotTimes;
import io.cphub.registry.store.Database;
import io.cphub.registry.store.LogPruner;
import io.cphub.registry.store.RouteDao;
import io.cphub.registry.store.SchemaCheck;
import io.cphub.registry.tls.ReloadingSslContext;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running registry: the pool, the services and the HTTP server. Start once, close once. */
public final class Registry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
  static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
  static final Duration SNAPSHOT_TIMES_INTERVAL = Duration.ofSeconds(15);
  private final Database db;
  private final Services services;
  private final RegistryServer server;
  private final LogPruner pruner;
  private final SnapshotTimes snapshots;

  private Registry(Database db, Services services, RegistryServer server, LogPruner pruner, SnapshotTimes snapshots) {
    this.snapshots = snapshots;
    this.db = db;
    this.services = services;
    this.server = server;
    this.pruner = pruner;
  }

  /** Opens the database and binds the HTTP API as {@code config} says. */
  public static Registry start(RegistryConfig config, Clock clock) throws InterruptedException {
    ReloadingSslContext tls = config.tls() == null ? null : ReloadingSslContext.load(config.tls());
    Database db = Database.open(config);
    try {
      LOG.info("database schema version {}", SchemaCheck.verify(db, config.dbUser()));
      Services s = Services.create(db.jdbi(), clock, config.guardMaxRemovalShare(), config.tokensRotationGrace());
      RegistryMetrics metrics = new RegistryMetrics(s::feedVersion,
          () -> db.jdbi().withExtension(RouteDao.class, RouteDao::routeCount), s.servers()::list);
      metrics.contests(new ContestGauge(db.jdbi(), clock));
      if (tls != null) {
        metrics.tls(tls::notAfter);
      }
      SnapshotTimes snapshots = new SnapshotTimes(db.jdbi()).start(SNAPSHOT_TIMES_INTERVAL);
      metrics.bind(snapshots);
      Api api = new Api(config, s, metrics, s::feedVersion);
      RegistryServer server = RegistryServer.start(api, config.httpHost(), config.httpPort(),
          config.httpWorkerThreads(), tls);
      LOG.info("registry listening on {}:{} ({})", config.httpHost(), server.port(), tls == null ? "plain HTTP" : "TLS");
      LogPruner pruner = new LogPruner(db.jdbi(), clock, config.feedRetention());
      pruner.start(PRUNE_INTERVAL);
      return new Registry(db, s, server, pruner, snapshots);
    } catch (InterruptedException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public Services services() {
    return services;
  }

  @Override
  public void close() {
    pruner.close();
    snapshots.close();
    server.close();
    db.close();
    LOG.info("registry stopped");
  }
}
