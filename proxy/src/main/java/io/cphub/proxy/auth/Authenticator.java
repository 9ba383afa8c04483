package io.cphub.proxy.auth;

import io.cphub.model.InvalidNameException;
import io.cphub.model.Login;
import io.cphub.model.Printable;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.metrics.ProxyMetrics;
import io.cphub.proxy.route.Backend;
import io.cphub.proxy.route.LiveTable;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.verify.CheckResult;
import io.cphub.proxy.verify.CredentialCache;
import io.cphub.proxy.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login decision, independent of Netty: check the shared secret, parse, require TLS, parse the
 * login, route it, ask the {@link LoginGuard}, pick the password's charset, verify the password
 * with the backend (cached) under the canonical login ({@link BackendLogin}), and build the reply. Never throws: every problem becomes a
 * well-formed failure reply and one log line. Thread-safe; called on event loops.
 */
public final class Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  static final int MAX_PASSWORD = 512;

  private final LiveTable live;
  private final Verifier verifier;
  private final LoginGuard guard;
  private final TrustedNetworks trusted;
  private final String secretHeader;
  private final byte[] secret;
  private final Replies replies;
  private final ProxyConfig.BackendPorts ports;
  private final ProxyMetrics metrics;
  private final LoginLog loginLog;

  public Authenticator(LiveTable live, Verifier verifier, LoginGuard guard, ProxyConfig.Auth auth,
      ProxyConfig.BackendPorts ports, ProxyMetrics metrics) {
    this(live, verifier, guard, auth, ports, metrics, LoginLog.ON);
  }

  /** As above, with the {@link LoginLog} that records each decided login. */
  public Authenticator(LiveTable live, Verifier verifier, LoginGuard guard, ProxyConfig.Auth auth,
      ProxyConfig.BackendPorts ports, ProxyMetrics metrics, LoginLog loginLog) {
    this.live = live;
    this.verifier = verifier;
    this.guard = guard;
    this.trusted = TrustedNetworks.parse(auth.trustedNetworks());
    this.secretHeader = auth.secretHeader() == null ? null : auth.secretHeader().toLowerCase(java.util.Locale.ROOT);
    this.secret = auth.secret() == null ? null : auth.secret().getBytes(StandardCharsets.UTF_8);
    this.replies = new Replies(auth.waitSeconds(), auth.waitMaxAttempts(), auth.tempWaitSeconds());
    this.ports = ports;
    this.metrics = metrics;
    this.loginLog = loginLog;
  }

  /** The reply for one request; completes at once unless a backend check is needed. */
  public CompletableFuture<AuthReply> authenticate(RawRequest raw, String peer) {
    AuthReply early = screen(raw, peer);
    if (early != null) {
      return CompletableFuture.completedFuture(early);
    }
    AuthRequest req;
    try {
      req = AuthRequests.parse(raw);
    } catch (BadRequestException e) {
      LOG.info("bad auth request from {}: {}", peer, e.getMessage());
      return done(e.protocol(), replies.badRequest(e.protocol()));
    }
    return decide(req);
  }

  private AuthReply screen(RawRequest raw, String peer) {
    if (raw.problem() != null) {
      LOG.info("malformed auth request from {}: {}", peer, raw.problem());
      return count(null, replies.badRequest(Protocol.of(raw.text("auth-protocol"))));
    }
    if (secret != null) {
      byte[] sent = raw.header(secretHeader);
      if (sent == null || !MessageDigest.isEqual(sent, secret)) {
        LOG.warn("auth request from {} without the right {} header", peer, secretHeader);
        return count(Protocol.of(raw.text("auth-protocol")), replies.badRequest(Protocol.of(raw.text("auth-protocol"))));
      }
    }
    return null;
  }

  private CompletableFuture<AuthReply> decide(AuthRequest req) {
    Protocol p = req.protocol();
    String rawLogin = new String(req.user(), StandardCharsets.UTF_8);
    if (!req.ssl() && !trusted.contains(req.clientIp())) {
      LOG.info("{} login {} from {} refused: not over TLS", p.label(), Printable.of(rawLogin), req.clientIp());
      return done(p, replies.tlsRequired(p));
    }
    if (!req.method().equals("plain")) {
      LOG.info("{} login {} from {} refused: auth method {} needs a clear password", p.label(),
          Printable.of(rawLogin), req.clientIp(), Printable.of(req.method()));
      return done(p, replies.invalid(p, req.attempt()));
    }
    RouteTable table = live.current();
    if (table.source() == RouteTable.Source.EMPTY) {
      LOG.warn("{} login {} from {} gets a temporary failure: no route table loaded yet", p.label(),
          Printable.of(rawLogin), req.clientIp());
      return done(p, replies.temporary(p));
    }
    long started = System.nanoTime();
    Login login = null;
    Backend backend = null;
    if (Passwords.isUtf8(req.user())) {
      try {
        login = Login.parse(rawLogin);
        backend = table.route(login);
      } catch (InvalidNameException e) {
        LOG.info("{} login from {} refused: {}", p.label(), req.clientIp(), e.getMessage());
      }
    }
    metrics.lookupSeconds((System.nanoTime() - started) / 1e9);
    if (backend == null) {
      LoginAttempt a = new LoginAttempt(p, req.clientIp(), rawLogin, login, null, req.attempt(), null);
      GuardVerdict v = guard.before(a);
      guard.after(a, v.kind() == GuardVerdict.Kind.REJECT ? AuthOutcome.BLOCKED : AuthOutcome.UNKNOWN_LOGIN);
      loginLog.decided(a, v.kind() == GuardVerdict.Kind.REJECT ? AuthOutcome.BLOCKED : AuthOutcome.UNKNOWN_LOGIN,
          LoginLog.Check.NONE, started);
      if (login != null) {
        LOG.info("{} login {} from {} refused: no route", p.label(), Printable.of(rawLogin), req.clientIp());
      }
      return done(p, rejected(p, req.attempt(), v));
    }
    return check(req, rawLogin, login, backend, started);
  }

  private CompletableFuture<AuthReply> check(AuthRequest req, String rawLogin, Login login, Backend backend,
      long started) {
    Protocol p = req.protocol();
    if (!backend.hasIpAddress()) {
      LOG.error("server {} ({}) has address {}, not an IP literal: {} login {} gets a temporary failure",
          backend.id(), backend.name(), Printable.of(backend.address()), p.label(), Printable.of(rawLogin));
      return done(p, replies.temporary(p));
    }
    Passwords.Password pw = Passwords.normalise(req.password());
    BackendLogin user = BackendLogin.of(rawLogin, login);
    if (pw.utf8().length == 0 || pw.utf8().length > MAX_PASSWORD || (pw.rewritten() && !Passwords.fitsHeader(pw.utf8()))
        || !AuthReply.okFits(user.rewritten() ? user.user() : null, pw.rewritten() ? pw.utf8() : null)) {
      LOG.info("{} login {} from {} refused: empty, oversized or unforwardable password, or too long a reply",
          p.label(), Printable.of(rawLogin), req.clientIp());
      return done(p, replies.invalid(p, req.attempt()));
    }
    int port = port(backend, p);
    Verifier.Request vr = new Verifier.Request(backend.id(), backend.address(), verifier.checkPort(), req.clientIp(),
        user.user(), pw.utf8());
    CredentialCache.Key key = verifier.key(vr);
    LoginAttempt attempt = new LoginAttempt(p, req.clientIp(), rawLogin, login, backend, req.attempt(), key);
    GuardVerdict v = guard.before(attempt);
    if (v.kind() == GuardVerdict.Kind.REJECT) {
      guard.after(attempt, AuthOutcome.BLOCKED);
      loginLog.decided(attempt, AuthOutcome.BLOCKED, LoginLog.Check.NONE, started);
      LOG.info("{} login {} from {} refused by the abuse guard", p.label(), Printable.of(rawLogin), req.clientIp());
      return done(p, rejected(p, req.attempt(), v));
    }
    LoginLog.Check how = !verifier.checks() ? LoginLog.Check.NONE
        : verifier.cached(key) ? LoginLog.Check.CACHE : LoginLog.Check.BACKEND;
    return verifier.verify(vr, key).thenApply(result -> {
      AuthReply reply = switch (result) {
        case ACCEPTED -> AuthReply.ok(backend.address(), port, user.rewritten() ? user.user() : null,
            pw.rewritten() ? pw.utf8() : null);
        case REJECTED -> rejected(p, req.attempt(), v);
        case UNAVAILABLE -> replies.temporary(p);
      };
      guard.after(attempt, outcome(result));
      loginLog.decided(attempt, outcome(result), how, started);
      if (result == CheckResult.ACCEPTED) {
        LOG.debug("{} login {} from {} -> {} ({}:{})", p.label(), Printable.of(rawLogin), req.clientIp(),
            backend.name(), backend.address(), port);
      } else {
        LOG.info("{} login {} from {} for {}: {}", p.label(), Printable.of(rawLogin), req.clientIp(), backend.name(),
            result == CheckResult.REJECTED ? "wrong password" : "backend unavailable");
      }
      return count(p, reply);
    });
  }

  private AuthReply rejected(Protocol p, int attempt, GuardVerdict v) {
    if (v.waitSeconds() >= 0) {
      return v.kind() == GuardVerdict.Kind.REJECT ? replies.blocked(p, v.waitSeconds())
          : replies.invalidWaiting(p, v.waitSeconds());
    }
    return replies.invalid(p, attempt);
  }

  private static AuthOutcome outcome(CheckResult r) {
    return switch (r) {
      case ACCEPTED -> AuthOutcome.ACCEPTED;
      case REJECTED -> AuthOutcome.REJECTED;
      case UNAVAILABLE -> AuthOutcome.UNAVAILABLE;
    };
  }

  private int port(Backend b, Protocol p) {
    Integer own = switch (p) {
      case IMAP -> b.imapPort();
      case POP3 -> b.pop3Port();
      case SMTP -> b.smtpPort();
    };
    return own != null ? own : switch (p) {
      case IMAP -> ports.imap();
      case POP3 -> ports.pop3();
      case SMTP -> ports.smtp();
    };
  }

  private CompletableFuture<AuthReply> done(Protocol p, AuthReply r) {
    return CompletableFuture.completedFuture(count(p, r));
  }

  private AuthReply count(Protocol p, AuthReply r) {
    metrics.login(p == null ? "unknown" : p.label(), r.result());
    return r;
  }
}
