package io.cphub.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.model.Printable;
import io.cphub.model.wire.Json;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.RegistryException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes and reads the audit log. {@link #record(Handle, Actor, String, String, String, Map)}
 * runs on the caller's handle, inside the transaction of the action it describes, so a refused
 * action leaves no row and an accepted one always has one. Thread-safe.
 */
public final class Audit {
  public static final int MAX_REASON = 500;
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private final Jdbi jdbi;
  private final Clock clock;

  public Audit(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Records one action on {@code h} (call it inside the action's transaction). {@code reason}
   * may be null; {@code detail} holds what changed (encoded as a JSON object).
   */
  public void record(Handle h, Actor actor, String action, String target, String reason, Map<String, ?> detail) {
    h.attach(AuditDao.class).insert(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), actor.kind(),
        actor.name(), action, target, reason(reason), json(detail));
  }

  /** Records an action that writes nothing else, in a transaction of its own. */
  public void record(Actor actor, String action, String target, String reason, Map<String, ?> detail) {
    jdbi.useTransaction(h -> record(h, actor, action, target, reason, detail));
  }

  /** Entries at or after {@code since} (ISO-8601 instant; null: all), newest first, at most {@code limit}. */
  public List<AuditEntry> list(String since, String limit) {
    Instant from = Instant.EPOCH;
    if (since != null) {
      try {
        from = Instant.parse(since);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("invalid_request", "since must be an ISO-8601 instant such as "
            + "2026-01-01T00:00:00Z, was " + Printable.of(since));
      }
    }
    int n = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw new InvalidInputException("invalid_request", "limit must be 1.." + MAX_LIMIT + ", was "
            + Printable.of(limit));
      }
    }
    OffsetDateTime f = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
    int lim = n;
    return jdbi.withExtension(AuditDao.class, dao -> dao.since(f, lim));
  }

  /** A reason as stored: stripped, null when blank; refused when too long. */
  public static String reason(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String r = raw.strip();
    if (r.length() > MAX_REASON) {
      throw new InvalidInputException("invalid_request", "reason must be at most " + MAX_REASON + " characters");
    }
    return r;
  }

  private static String json(Map<String, ?> detail) {
    try {
      return Json.mapper().writeValueAsString(detail == null ? Map.of() : detail);
    } catch (JsonProcessingException e) {
      throw new RegistryException("cannot encode audit detail", e);
    }
  }
}
