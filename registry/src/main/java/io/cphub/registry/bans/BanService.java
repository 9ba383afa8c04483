package io.cphub.registry.bans;

import io.cphub.model.Printable;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.audit.Audit;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Lists the bans the proxies' abuse guard shares through the database, and lifts one exactly as
 * the proxy's {@code bans lift} does (same statement, same NOTIFY, so every proxy stops enforcing
 * it within a second), with an {@code audit} row ({@code ban.lift}) in the same transaction. A
 * lift is recorded on the ban as {@code lifted_by} = the actor ({@code admin} or
 * {@code operator:<name>}). Thread-safe.
 */
public final class BanService {
  public static final int MAX_LIMIT = 1000;
  private final Jdbi jdbi;
  private final Clock clock;
  private final Audit audit;

  public BanService(Jdbi jdbi, Clock clock, Audit audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * Bans in force (with {@code all}, also ended and lifted ones), at most {@code limit}
   * (1..{@value #MAX_LIMIT}, else 400), latest expiry first.
   */
  public List<BanView> list(boolean all, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("invalid_request", "limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return jdbi.withExtension(BanDao.class, dao -> dao.list(now, all, limit));
  }

  /**
   * Lifts the ban in force on {@code kind}/{@code key} (the key in any form the proxy's CLI takes:
   * an IP, a network, a login). 400 {@code invalid_ban_key}, 404 {@code no_ban} when none is in
   * force; either way nothing is written.
   */
  public BanView lift(String kind, String rawKey, Actor actor, String rawReason) {
    String k = BanKey.kind(kind);
    String key = BanKey.canonical(k, rawKey);
    String reason = Audit.reason(rawReason);
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return jdbi.inTransaction(h -> {
      BanView lifted = h.attach(BanDao.class).lift(k, key, now, actor.toString())
          .orElseThrow(() -> new NotFoundException("no_ban", "no " + k + " ban in force on " + Printable.of(key)));
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("kind", k);
      detail.put("id", lifted.id());
      detail.put("banReason", lifted.reason());
      detail.put("offences", lifted.offences());
      detail.put("expiresAt", lifted.expiresAt().toString());
      detail.put("createdBy", lifted.createdBy());
      audit.record(h, actor, "ban.lift", lifted.key(), reason, detail);
      return lifted;
    });
  }
}
