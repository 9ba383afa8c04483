package io.cphub.registry.servers;

import io.cphub.model.Printable;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.audit.Audit;
import io.cphub.registry.store.ServerDao;
import io.cphub.registry.store.ServerRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Rotates and revokes server tokens. Rotation issues a new token (shown once) and keeps the
 * previous one working for the configured grace period, so the agent can be updated without a
 * gap; a second rotation ends the grace of the first at once. Revocation ends every token of the
 * server at once (rotate again to issue a new one). Each change is audited in its transaction.
 * Thread-safe.
 */
public final class ServerTokens {
  private final Jdbi jdbi;
  private final Clock clock;
  private final Tokens tokens;
  private final Audit audit;
  private final Duration grace;

  public ServerTokens(Jdbi jdbi, Clock clock, Tokens tokens, Audit audit, Duration grace) {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("grace must be zero or positive, was " + grace);
    }
    this.jdbi = jdbi;
    this.clock = clock;
    this.tokens = tokens;
    this.audit = audit;
    this.grace = grace;
  }

  public TokenRotation rotate(String rawName, Actor actor, String reason) {
    String name = ServerService.serverName(rawName);
    String why = Audit.reason(reason);
    String token = tokens.generate();
    Instant until = clock.instant().plus(grace);
    return jdbi.inTransaction(h -> {
      ServerRow row = lock(h, name);
      ServerDao dao = h.attach(ServerDao.class);
      boolean hadToken = dao.hasToken(row.id());
      dao.rotateToken(row.id(), Tokens.hash(token), OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
      Map<String, Object> detail = new HashMap<>();
      detail.put("previousValidUntil", hadToken ? until.toString() : null);
      audit.record(h, actor, "token.rotate", row.name(), why, detail);
      return new TokenRotation(row.name(), token, hadToken ? until : null);
    });
  }

  public void revoke(String rawName, Actor actor, String reason) {
    String name = ServerService.serverName(rawName);
    String why = Audit.reason(reason);
    jdbi.useTransaction(h -> {
      ServerRow row = lock(h, name);
      h.attach(ServerDao.class).revokeTokens(row.id());
      audit.record(h, actor, "token.revoke", row.name(), why, Map.of());
    });
  }

  private static ServerRow lock(Handle h, String name) {
    return h.attach(ServerDao.class).lockByName(name)
        .orElseThrow(() -> new NotFoundException("unknown_server", "no server named " + Printable.of(name)));
  }
}
