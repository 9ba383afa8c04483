package io.cphub.registry;

import io.cphub.registry.audit.Audit;
import io.cphub.registry.bans.BanService;
import io.cphub.registry.claims.ClaimService;
import io.cphub.registry.claims.RemovalGuard;
import io.cphub.registry.operators.OperatorService;
import io.cphub.registry.routes.ContestService;
import io.cphub.registry.routes.RecentChanges;
import io.cphub.registry.routes.RouteService;
import io.cphub.registry.servers.ServerService;
import io.cphub.registry.servers.ServerTokens;
import io.cphub.registry.servers.Tokens;
import io.cphub.registry.store.FeedDao;
import io.cphub.registry.store.FeedWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** The registry's services on one database; what the HTTP API and the operator CLI both call. */
public record Services(Jdbi jdbi, ClaimService claims, ServerService servers, RouteService routes, Audit audit,
    ServerTokens tokens, OperatorService operators, ContestService contests, BanService bans,
    RecentChanges changes) {
  /** The default {@code tokens.rotation-grace}. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

  public static Services create(Jdbi jdbi, Clock clock, double maxRemovalShare) {
    return create(jdbi, clock, maxRemovalShare, DEFAULT_GRACE);
  }

  /** The services; a rotated-out server token keeps working for {@code rotationGrace}. */
  public static Services create(Jdbi jdbi, Clock clock, double maxRemovalShare, Duration rotationGrace) {
    FeedWriter feed = new FeedWriter();
    Audit audit = new Audit(jdbi, clock);
    Tokens tokens = new Tokens(new SecureRandom());
    return new Services(jdbi,
        new ClaimService(jdbi, clock, new RemovalGuard(maxRemovalShare), feed),
        new ServerService(jdbi, clock, feed, tokens, audit),
        new RouteService(jdbi, clock, feed, audit), audit,
        new ServerTokens(jdbi, clock, tokens, audit, rotationGrace),
        new OperatorService(jdbi, clock, tokens, audit),
        new ContestService(jdbi, clock, feed, audit),
        new BanService(jdbi, clock, audit), new RecentChanges(jdbi));
  }

  /** The current feed version (also a database liveness check). */
  public long feedVersion() {
    return jdbi.withExtension(FeedDao.class, FeedDao::version);
  }
}
