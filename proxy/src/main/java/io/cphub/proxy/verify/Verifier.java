package io.cphub.proxy.verify;

import io.cphub.proxy.metrics.ProxyMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * Verifies a password for a chosen backend: a cached success answers at once; otherwise, inside
 * the {@link CheckLimits} (per client address, per account, per backend in flight and queued, and
 * the backend's circuit breaker), the checker runs on the check threads (never on an event loop).
 * A check a limit refuses fails at once with {@link CheckResult#UNAVAILABLE}, so one sick backend
 * or one busy client never delays anyone else. Only ACCEPTED is cached. Thread-safe.
 */
public final class Verifier {
  static final Duration WARN_INTERVAL = Duration.ofMinutes(1);
  private final CredentialChecker checker;
  private final CredentialCache cache;
  private final Executor threads;
  private final ProxyMetrics metrics;
  private final int checkPort;
  private final CheckLimits limits;
  private final Clock clock;
  private final IntFunction<String> serverNames;
  private final InFlightLimit perClientIp;
  private final InFlightLimit perAccount;
  private final ProblemLog problems;
  private final ConcurrentHashMap<Integer, ServerLane> lanes = new ConcurrentHashMap<>();

  /**
   * {@code checker} null means mode {@code none}: every password is passed on to the backend.
   * {@code checkPort} is the backends' ordinary IMAP (or POP3) port the checker connects to;
   * {@code serverNames} names a server id for metrics and logs.
   */
  public Verifier(CredentialChecker checker, int checkPort, CredentialCache cache, Executor threads,
      ProxyMetrics metrics, CheckLimits limits, Clock clock, IntFunction<String> serverNames) {
    if (checkPort < 1 || checkPort > 65535) {
      throw new IllegalArgumentException("check port must be 1..65535, was " + checkPort);
    }
    this.checkPort = checkPort;
    this.checker = checker;
    this.cache = cache;
    this.threads = threads;
    this.metrics = metrics;
    this.limits = limits;
    this.clock = clock;
    this.serverNames = serverNames;
    this.perClientIp = new InFlightLimit(limits.clientIpInFlight());
    this.perAccount = new InFlightLimit(limits.accountInFlight());
    this.problems = new ProblemLog(clock, WARN_INTERVAL);
  }

  /** Without bulkhead limits, for tests of other parts. */
  public Verifier(CredentialChecker checker, int checkPort, CredentialCache cache, Executor threads,
      ProxyMetrics metrics) {
    this(checker, checkPort, cache, threads, metrics, CheckLimits.UNBOUNDED, Clock.systemUTC(), id -> "server-" + id);
  }

  /** What the caller needs to know about the backend and the credentials. */
  public record Request(int serverId, String address, int port, String clientIp, byte[] user, byte[] password) {}

  /** The port of each backend that password checks connect to. */
  public int checkPort() {
    return checkPort;
  }

  /** The keyed hash identifying this backend, login and password. */
  public CredentialCache.Key key(Request r) {
    return cache.key(r.serverId(), r.address(), r.port(), r.user(), r.password());
  }

  /** Completes with the result; never completes exceptionally. {@code key} comes from {@link #key}. */
  public CompletableFuture<CheckResult> verify(Request r, CredentialCache.Key key) {
    return check(r, key).thenApply(CheckOutcome::result);
  }

  /** Like {@link #verify} with the whole outcome (why a check was UNAVAILABLE). */
  public CompletableFuture<CheckOutcome> check(Request r, CredentialCache.Key key) {
    if (checker == null) {
      return CompletableFuture.completedFuture(CheckResult.ACCEPTED);
    }
    if (cache.contains(key)) {
      metrics.cacheHit();
      return CompletableFuture.completedFuture(CheckResult.ACCEPTED);
    }
    metrics.cacheMiss();
    String ip = r.clientIp() == null ? "" : r.clientIp();
    String account = r.serverId() + " " + new String(r.user(), StandardCharsets.ISO_8859_1);
    if (!perClientIp.tryAcquire(ip)) {
      metrics.checkLimited("client_ip");
      return refused(BackendProblem.Kind.CLIENT_LIMIT, "client " + ip + " has too many checks in flight");
    }
    if (!perAccount.tryAcquire(account)) {
      perClientIp.release(ip);
      metrics.checkLimited("account");
      return refused(BackendProblem.Kind.CLIENT_LIMIT, "the account has too many checks in flight");
    }
    ServerLane lane = lane(r.serverId());
    CircuitBreaker.Admission admission = lane.breaker().admit();
    PendingCheck pending = new PendingCheck(this, lane, r, key, admission == CircuitBreaker.Admission.PROBE, ip,
        account);
    if (admission == CircuitBreaker.Admission.REFUSE) {
      pending.complete(BackendProblem.of(BackendProblem.Kind.CIRCUIT_OPEN, "circuit breaker open"), false);
    } else if (!lane.submit(pending)) {
      pending.refused();
    }
    return pending.future();
  }

  private static CompletableFuture<CheckOutcome> refused(BackendProblem.Kind kind, String detail) {
    return CompletableFuture.completedFuture(BackendProblem.of(kind, detail));
  }

  private ServerLane lane(int serverId) {
    return lanes.computeIfAbsent(serverId, id -> new ServerLane(id, limits.serverInFlight(), limits.serverQueued(),
        new CircuitBreaker(limits.breakerFailures(), limits.breakerCoolDown(), clock), threads));
  }

  /** Runs the checker for a pending check (on a check thread). */
  CheckOutcome ask(Request r) {
    long started = System.nanoTime();
    CheckOutcome outcome;
    try {
      outcome = checker.check(r.address(), r.port(), r.clientIp(), r.user(), r.password());
    } catch (RuntimeException e) {
      outcome = BackendProblem.of(BackendProblem.Kind.GARBLED, "checker failed: " + e);
    }
    if (outcome == null) {
      outcome = BackendProblem.of(BackendProblem.Kind.GARBLED, "checker gave no result");
    }
    metrics.checkSeconds(outcome.result(), (System.nanoTime() - started) / 1e9);
    return outcome;
  }

  /** Accounts for a finished (or refused) check: cache, breaker, metrics, log, limits. */
  void settle(PendingCheck p, CheckOutcome outcome, boolean asked) {
    perClientIp.release(p.clientIp());
    perAccount.release(p.account());
    ServerLane lane = p.lane();
    String server = serverNames.apply(lane.id());
    if (outcome.result() == CheckResult.ACCEPTED) {
      cache.remember(p.key());
    }
    if (asked) {
      boolean down = outcome instanceof BackendProblem bp && bp.backendDown();
      CircuitBreaker.State changed = lane.breaker().record(down, p.probe());
      if (changed != null) {
        BreakerLog.changed(server, lane.id(), changed, limits);
      }
    } else if (p.probe()) {
      lane.breaker().probeCancelled();
    }
    metrics.backendCheck(server, outcome.result());
    if (outcome instanceof BackendProblem bp) {
      metrics.backendProblem(server, bp.kind().label(), bp.code() == null ? "none" : bp.code());
      if (bp.kind() != BackendProblem.Kind.CIRCUIT_OPEN) {
        problems.report(lane.id(), server, bp);
      }
    }
  }

  /** Every backend checked since start, for metrics and health. */
  public List<BackendState> backends() {
    List<BackendState> out = new ArrayList<>();
    for (ServerLane l : lanes.values()) {
      CircuitBreaker.State s = l.breaker().state();
      out.add(new BackendState(l.id(), serverNames.apply(l.id()), s.name().toLowerCase(java.util.Locale.ROOT),
          s.gauge, l.inFlight(), l.queued()));
    }
    return out;
  }

  /** False in mode {@code none}: {@link #verify} then accepts without asking anyone. */
  public boolean checks() {
    return checker != null;
  }

  /** Whether {@link #verify} would answer {@code key} from the cache now. */
  public boolean cached(CredentialCache.Key key) {
    return cache.contains(key);
  }
}
