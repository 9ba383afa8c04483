package io.cphub.registry.operators;

import io.cphub.model.Printable;
import io.cphub.registry.ConflictException;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.audit.Audit;
import io.cphub.registry.servers.Tokens;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Named operator tokens: 256 random bits shown once, stored as SHA-256. A revoked operator keeps
 * its row (the audit log names it) and its name cannot be reused. Each change is audited in its
 * transaction. Thread-safe.
 */
public final class OperatorService {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");
  private final Jdbi jdbi;
  private final Clock clock;
  private final Tokens tokens;
  private final Audit audit;

  public OperatorService(Jdbi jdbi, Clock clock, Tokens tokens, Audit audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.tokens = tokens;
    this.audit = audit;
  }

  public OperatorAdded add(String rawName, Actor actor, String reason) {
    String name = name(rawName);
    String why = Audit.reason(reason);
    String token = tokens.generate();
    return jdbi.inTransaction(h -> {
      if (h.attach(OperatorDao.class).insert(name, Tokens.hash(token), now()) == 0) {
        throw new ConflictException("duplicate_operator", "an operator named " + name + " exists (or existed)");
      }
      audit.record(h, actor, "operator.add", name, why, Map.of());
      return new OperatorAdded(name, token);
    });
  }

  public List<OperatorView> list() {
    return jdbi.withExtension(OperatorDao.class, OperatorDao::list);
  }

  public void revoke(String rawName, Actor actor, String reason) {
    String name = name(rawName);
    String why = Audit.reason(reason);
    jdbi.useTransaction(h -> {
      if (h.attach(OperatorDao.class).revoke(name, now()) == 0) {
        throw new NotFoundException("unknown_operator", "no active operator named " + name);
      }
      audit.record(h, actor, "operator.revoke", name, why, Map.of());
    });
  }

  /** The name of the active operator whose token this is, if any. */
  public Optional<String> byToken(String token) {
    byte[] hash = Tokens.hash(token);
    return jdbi.withExtension(OperatorDao.class, dao -> dao.nameByTokenHash(hash));
  }

  static String name(String raw) {
    if (raw == null || !NAME.matcher(raw).matches()) {
      throw new InvalidInputException("invalid_name", "operator name must match " + NAME.pattern() + ", was "
          + Printable.of(raw));
    }
    return raw;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
