package io.cphub.agent.push;

import io.cphub.agent.snapshot.SnapshotBuilder;
import io.cphub.agent.spool.Spool;
import io.cphub.agent.spool.SpoolException;
import io.cphub.agent.spool.SpoolWatcher;
import io.cphub.agent.whm.WhmAccount;
import io.cphub.agent.whm.WhmClient;
import io.cphub.agent.whm.WhmDomain;
import io.cphub.agent.whm.WhmException;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one worker: each {@link #step()} picks up spool events, runs a full snapshot when
 * due (at start, every {@code fullInterval}, or for events it cannot tie to an account), and
 * re-reads and pushes accounts whose events settled. Nothing is deleted from the spool before the
 * registry accepted the change. WHM failures never become deletions; registry outages back off
 * (capped, jittered, or as long as the registry's {@code Retry-After} says); registry refusals wait
 * for the next interval. A new feed identity in a registry answer (its database failed over or
 * was restored) makes the next step push a full snapshot at once. Single-threaded by design:
 * {@link #run()} owns all state; {@link #close()} may be called from another thread.
 */
public final class SyncLoop implements Runnable, AutoCloseable {
  /** A hook file still in {@code tmp/} after this long was left by a killed hook. */
  static final Duration ABANDONED_AFTER = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);

  private final SyncSettings settings;
  private final WhmClient whm;
  private final RegistryClient registry;
  private final PendingEvents pending;
  private final StatusFile statusFile;
  private final Clock clock;
  private final Backoff backoff;
  private final SyncState state = new SyncState();
  private final AccountSync accountSync;
  private final Spool spool;
  private final Pacing pacing;
  private volatile boolean stopped;
  private volatile Thread thread;

  private final java.util.function.Supplier<io.cphub.model.wire.DnsProgress> dnsProgress;

  public SyncLoop(SyncSettings settings, WhmClient whm, RegistryClient registry, Spool spool, StatusFile statusFile,
      Clock clock, RandomGenerator random) {
    this(settings, whm, registry, spool, statusFile, clock, random, user -> { });
  }

  /** {@code pushed} is told each account pushed after its hook events (e.g. {@code dns.manage}); it must not throw. */
  public SyncLoop(SyncSettings settings, WhmClient whm, RegistryClient registry, Spool spool, StatusFile statusFile,
      Clock clock, RandomGenerator random, java.util.function.Consumer<String> pushed) {
    this(settings, whm, registry, spool, statusFile, clock, random, pushed, () -> null);
  }

  /** As above; {@code dnsProgress} is reported with every push (null: none; it must not throw). */
  public SyncLoop(SyncSettings settings, WhmClient whm, RegistryClient registry, Spool spool, StatusFile statusFile,
      Clock clock, RandomGenerator random, java.util.function.Consumer<String> pushed,
      java.util.function.Supplier<io.cphub.model.wire.DnsProgress> dnsProgress) {
    this.dnsProgress = dnsProgress;
    this.settings = settings;
    this.whm = whm;
    this.registry = registry;
    this.spool = spool;
    this.pending = new PendingEvents(spool);
    this.statusFile = statusFile;
    this.clock = clock;
    this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), random);
    this.pacing = new Pacing(settings, pending, state);
    this.accountSync = new AccountSync(settings, whm, registry, pending, state, backoff, clock, this::agentState,
        pushed);
  }

  /** One pass; never throws for WHM or registry trouble (recorded in the status instead). */
  public void step() {
    Instant now = clock.instant();
    pending.scan(now);
    if (registry.historyChanged()) {
      LOG.warn("registry database history changed (feed identity now {}): pushing a full snapshot of {} now, "
          + "so writes a failover lost are repaired", registry.feedIdentity(), settings.server());
      state.nextFull = now;
    }
    if (!now.isBefore(state.retryAt)) {
      try {
        boolean scheduled = !now.isBefore(state.nextFull);
        if ((scheduled || pending.fullDue(now, settings.debounce())) && !now.isBefore(state.fullBlockedUntil)) {
          fullSync(now);
        }
        accountSync.run(now);
      } catch (WhmException | RegistryUnavailableException e) {
        Duration wait = backoff.failure();
        if (e instanceof RegistryUnavailableException u && u.retryAfter() != null) {
          wait = u.retryAfter().compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : u.retryAfter();
        }
        state.retryAt = now.plus(wait);
        state.error(now, e.getMessage());
        if (e instanceof io.cphub.agent.whm.WhmAuthException) {
          LOG.error("sync of {} failed (attempt {}), retrying in {} ms: {}", settings.server(), backoff.failures(),
              wait.toMillis(), e.getMessage());
        } else {
          LOG.warn("sync of {} failed (attempt {}), retrying in {} ms: {}", settings.server(), backoff.failures(),
              wait.toMillis(), e.getMessage());
        }
      }
    }
    writeStatus();
  }

  /** One full sync now, for {@code sync-once}; throws what failed, including a refusal. */
  public void fullSyncNow() {
    Instant now = clock.instant();
    pending.scan(now);
    boolean accepted = fullSync(now);
    writeStatus();
    if (!accepted) {
      throw new io.cphub.agent.AgentException(state.refusal);
    }
  }

  /** True when the registry accepted the snapshot, false when it refused it (recorded). */
  private boolean fullSync(Instant now) {
    Set<String> covered = pending.snapshotOfKnown();
    List<WhmAccount> accounts = whm.accounts();
    List<WhmDomain> domains = whm.domains();
    state.lastWhmRead = clock.instant();
    List<AccountEntry> entries = SnapshotBuilder.build(accounts, domains).stream()
        .map(e -> pending.restored(e.username()) ? e.asTransferred() : e).toList();
    Instant built = clock.instant();
    try {
      var summary = registry.putSnapshot(new Snapshot(entries, agentState()));
      backoff.success();
      pending.fullAccepted(covered);
      state.lastFullSync = clock.instant();
      state.nextFull = now.plus(settings.fullInterval());
      state.refusal = null;
      state.lastError = null;
      removeAbandonedHookFiles(now);
      LOG.info("full sync of {}: {} accounts, {} domains pushed in {} ms (WHM read and build {} ms, registry {} ms); {}",
          settings.server(), entries.size(), entries.stream().mapToInt(e -> e.domains().size()).sum(),
          Duration.between(now, clock.instant()).toMillis(), Duration.between(now, built).toMillis(),
          Duration.between(built, clock.instant()).toMillis(), summary);
      return true;
    } catch (RegistryRefusedException e) {
      state.fullBlockedUntil = now.plus(settings.fullInterval());
      state.nextFull = state.fullBlockedUntil;
      state.refusal = e.getMessage();
      state.error(now, e.getMessage());
      LOG.error("registry refused the snapshot of {}; next attempt at {}: {}", settings.server(),
          state.fullBlockedUntil, e.getMessage());
      return false;
    }
  }

  private void removeAbandonedHookFiles(Instant now) {
    try {
      spool.removeAbandoned(now.minus(ABANDONED_AFTER));
    } catch (SpoolException e) {
      LOG.warn("could not clean abandoned hook files: {}", e.getMessage());
    }
  }

  AgentState agentState() {
    return new AgentState(settings.version(), state.lastWhmRead, pending.depth(), state.lastError, dnsProgress.get());
  }

  private void writeStatus() {
    AgentStatus s = new AgentStatus(settings.server(), state.lastFullSync, state.lastAccountPush, state.lastWhmRead,
        pending.depth(), state.lastError, state.lastErrorAt, state.refusal,
        state.nextFull.equals(Instant.MIN) ? null : state.nextFull,
        state.retryAt.equals(Instant.MIN) ? null : state.retryAt);
    if (!s.equals(state.written)) {
      statusFile.write(s);
      state.written = s;
    }
  }

  public AgentStatus status() {
    return state.written;
  }

  /** How long {@link #run()} would wait now before its next step. */
  Duration untilNextWork() {
    return pacing.untilNextWork(clock.instant());
  }

  /**
   * Steps until closed. Between steps it waits for a file to land in the spool (file watching),
   * for the next due work (debounce, backoff, full interval), or at most {@code poll}.
   */
  @Override
  public void run() {
    thread = Thread.currentThread();
    try (SpoolWatcher watcher = new SpoolWatcher(spool)) {
      LOG.info("sync loop of {} started (spool {}, safety scan every {} ms)", settings.server(),
          watcher.watching() ? "watched" : "not watchable", settings.poll().toMillis());
      while (!stopped) {
        try {
          step();
        } catch (RuntimeException e) {
          state.error(clock.instant(), e.getMessage());
          LOG.error("sync loop of {} hit an unexpected error: {}", settings.server(), e.toString(), e);
        }
        try {
          watcher.await(pacing.untilNextWork(clock.instant()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    LOG.info("sync loop of {} stopped", settings.server());
  }

  @Override
  public void close() {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }
}
