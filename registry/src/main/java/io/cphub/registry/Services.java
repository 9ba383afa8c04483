package io.cphub.registry;

import io.cphub.registry.claims.ClaimService;
import io.cphub.registry.claims.RemovalGuard;
import io.cphub.registry.routes.ContestService;
import io.cphub.registry.routes.RouteService;
import io.cphub.registry.servers.ServerService;
import io.cphub.registry.servers.Tokens;
import io.cphub.registry.store.FeedDao;
import io.cphub.registry.store.FeedWriter;
import java.security.SecureRandom;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** The registry's services on one database; what the HTTP API and the operator CLI both call. */
public record Services(Jdbi jdbi, ClaimService claims, ServerService servers, RouteService routes,
    ContestService contests) {
  public static Services create(Jdbi jdbi, Clock clock, double maxRemovalShare) {
    FeedWriter feed = new FeedWriter();
    return new Services(jdbi,
        new ClaimService(jdbi, clock, new RemovalGuard(maxRemovalShare), feed),
        new ServerService(jdbi, clock, feed, new Tokens(new SecureRandom())),
        new RouteService(jdbi, clock, feed),
        new ContestService(jdbi, clock, feed));
  }

  /** The current feed version (also a database liveness check). */
  public long feedVersion() {
    return jdbi.withExtension(FeedDao.class, FeedDao::version);
  }
}
