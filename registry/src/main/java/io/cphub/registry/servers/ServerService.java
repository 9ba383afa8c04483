package io.cphub.registry.servers;

import io.cphub.model.Domain;
import io.cphub.model.InvalidNameException;
import io.cphub.model.Printable;
import io.cphub.model.wire.EnrolRequest;
import io.cphub.model.wire.EnrolResult;
import io.cphub.model.wire.ServerPatch;
import io.cphub.model.wire.ServerView;
import io.cphub.registry.ConflictException;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.audit.Actor;
import io.cphub.registry.audit.Audit;
import io.cphub.registry.store.ClaimDao;
import io.cphub.registry.store.FeedWriter;
import io.cphub.registry.store.RouteChange;
import io.cphub.registry.store.ServerDao;
import io.cphub.registry.store.ServerRow;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Enrols servers, lists them with their sync age, and changes state, address or ports. A change
 * of address, ports or state logs a {@code server} feed row so proxies re-read the server; moving
 * into or out of {@code retired} also recomputes every domain and account the server claims
 * (a retired server's claims never route; a draining one keeps routing what it has). Enrolment and
 * every accepted patch are audited in their transaction. Thread-safe.
 */
public final class ServerService {
  static final Set<String> STATES = Set.of("active", "draining", "retired");
  private final Jdbi jdbi;
  private final Clock clock;
  private final FeedWriter feed;
  private final Tokens tokens;
  private final Audit audit;

  public ServerService(Jdbi jdbi, Clock clock, FeedWriter feed, Tokens tokens, Audit audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.feed = feed;
    this.tokens = tokens;
    this.audit = audit;
  }

  /** Enrols a server as {@code actor} (audited with {@code reason}, which may be null). */
  public EnrolResult enrol(EnrolRequest req, Actor actor, String reason) {
    String why = Audit.reason(reason);
    String name = serverName(req.name());
    String address = IpLiteral.parse(req.address(), "address");
    checkPort(req.imapPort(), "imapPort");
    checkPort(req.pop3Port(), "pop3Port");
    checkPort(req.smtpPort(), "smtpPort");
    String token = tokens.generate();
    ServerRow row = jdbi.inTransaction(h -> {
      ServerDao dao = h.attach(ServerDao.class);
      int id = dao.insert(name, address, req.imapPort(), req.pop3Port(), req.smtpPort(), Tokens.hash(token),
          OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
          .orElseThrow(() -> new ConflictException("duplicate_server", "a server named " + name + " is already enrolled"));
      ServerRow r = dao.byId(id).orElseThrow();
      audit.record(h, actor, "server.enrol", name, why, fields(r));
      return r;
    });
    return new EnrolResult(ServerViews.of(row, clock), token);
  }

  public List<ServerView> list() {
    return jdbi.withExtension(ServerDao.class, ServerDao::list).stream().map(r -> ServerViews.of(r, clock)).toList();
  }

  /** The server whose token this is, if any. */
  public Optional<ServerRow> byToken(String token) {
    byte[] hash = Tokens.hash(token);
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return jdbi.withExtension(ServerDao.class, dao -> dao.byTokenHash(hash, now));
  }

  /** Changes state, address or ports as {@code actor} (audited with {@code reason}, which may be null). */
  public ServerView patch(String rawName, ServerPatch p, Actor actor, String reason) {
    String why = Audit.reason(reason);
    if (p.state() == null && p.address() == null && p.imapPort() == null && p.pop3Port() == null
        && p.smtpPort() == null) {
      throw new InvalidInputException("invalid_request", "patch changes nothing: give state, address or a port");
    }
    if (p.state() != null && !STATES.contains(p.state())) {
      throw new InvalidInputException("invalid_state", "state must be active, draining or retired, was "
          + Printable.of(p.state()));
    }
    String address = p.address() == null ? null : IpLiteral.parse(p.address(), "address");
    checkPort(p.imapPort(), "imapPort");
    checkPort(p.pop3Port(), "pop3Port");
    checkPort(p.smtpPort(), "smtpPort");
    ServerRow updated = jdbi.inTransaction(h -> {
      ServerDao dao = h.attach(ServerDao.class);
      ServerRow row = dao.lockByName(rawName)
          .orElseThrow(() -> new NotFoundException("unknown_server", "no server named " + Printable.of(rawName)));
      String state = p.state() == null ? row.state() : p.state();
      String addr = address == null ? row.address() : address;
      Integer imap = p.imapPort() == null ? row.imapPort() : p.imapPort();
      Integer pop3 = p.pop3Port() == null ? row.pop3Port() : p.pop3Port();
      Integer smtp = p.smtpPort() == null ? row.smtpPort() : p.smtpPort();
      if (state.equals(row.state()) && IpLiteral.same(addr, row.address()) && Objects.equals(imap, row.imapPort())
          && Objects.equals(pop3, row.pop3Port()) && Objects.equals(smtp, row.smtpPort())) {
        audit.record(h, actor, "server.patch", row.name(), why, Map.of("before", fields(row), "unchanged", true));
        return row;
      }
      dao.update(row.id(), state, addr, imap, pop3, smtp);
      boolean routing = state.equals("retired") != row.state().equals("retired");
      ClaimDao claims = h.attach(ClaimDao.class);
      List<String> domains = routing ? claims.routableDomains(row.id()) : List.of();
      List<String> users = routing ? claims.usernames(row.id()) : List.of();
      feed.recompute(h, domains, users,
          List.of(new RouteChange(RouteChange.SERVER, Integer.toString(row.id()), row.id(), null)));
      ServerRow after = dao.byId(row.id()).orElseThrow();
      audit.record(h, actor, "server.patch", row.name(), why, Map.of("before", fields(row), "after", fields(after)));
      return after;
    });
    return ServerViews.of(updated, clock);
  }

  /** Normalises a server name (a host name, not a wildcard) or refuses it. */
  public static String serverName(String raw) {
    try {
      Domain d = Domain.parse(raw);
      if (d.isWildcard()) {
        throw new InvalidNameException("a server name cannot be a wildcard: " + Printable.of(raw));
      }
      return d.name();
    } catch (InvalidNameException e) {
      throw new InvalidInputException("invalid_name", "name: " + e.getMessage());
    }
  }

  private static Map<String, Object> fields(ServerRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", r.state());
    m.put("address", r.address());
    m.put("imapPort", r.imapPort());
    m.put("pop3Port", r.pop3Port());
    m.put("smtpPort", r.smtpPort());
    return m;
  }

  private static void checkPort(Integer port, String field) {
    if (port != null && (port < 1 || port > 65535)) {
      throw new InvalidInputException("invalid_port", field + " must be 1..65535, was " + port);
    }
  }
}
