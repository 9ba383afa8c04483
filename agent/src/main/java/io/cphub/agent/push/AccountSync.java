package io.cphub.agent.push;

import io.cphub.agent.snapshot.SnapshotBuilder;
import io.cphub.agent.whm.WhmAccount;
import io.cphub.agent.whm.WhmAuthException;
import io.cphub.agent.whm.WhmClient;
import io.cphub.agent.whm.WhmDomain;
import io.cphub.agent.whm.WhmException;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.AgentState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-account half of the sync loop: re-reads every account whose events settled, then
 * pushes the accounts WHM lists before deleting those it positively says are gone (so a rename
 * moves domains without a gap). A WHM failure for one account holds only that account back
 * (its own backoff); a failed token or an unreachable registry stops the pass. Runs on the sync
 * loop thread only.
 */
final class AccountSync {
  private static final Logger LOG = LoggerFactory.getLogger(AccountSync.class);

  private final SyncSettings settings;
  private final WhmClient whm;
  private final RegistryClient registry;
  private final PendingEvents pending;
  private final SyncState state;
  private final Backoff backoff;
  private final Clock clock;
  private final Supplier<AgentState> agentState;
  private final java.util.function.Consumer<String> pushed;

  AccountSync(SyncSettings settings, WhmClient whm, RegistryClient registry, PendingEvents pending, SyncState state,
      Backoff backoff, Clock clock, Supplier<AgentState> agentState, java.util.function.Consumer<String> pushed) {
    this.settings = settings;
    this.whm = whm;
    this.registry = registry;
    this.pending = pending;
    this.state = state;
    this.backoff = backoff;
    this.clock = clock;
    this.agentState = agentState;
    this.pushed = pushed;
  }

  void run(Instant now) {
    List<String> due = pending.dueAccounts(now, settings.debounce(), settings.debounceMax());
    if (due.isEmpty()) {
      return;
    }
    List<AccountChange> changes = new ArrayList<>();
    for (String user : due) {
      PendingEvents.Account a = pending.account(user);
      Set<String> files = Set.copyOf(a.files);
      try {
        changes.add(read(user, files));
      } catch (WhmAuthException e) {
        throw e;
      } catch (WhmException e) {
        a.failures++;
        a.notBefore = now.plus(Duration.ofMillis(Math.min(settings.backoffMax().toMillis(),
            settings.backoffInitial().toMillis() << Math.min(a.failures - 1, 20))));
        state.error(now, e.getMessage());
        LOG.warn("re-read of account {} failed (attempt {}); retry after {}: {}", user, a.failures, a.notBefore,
            e.getMessage());
      }
    }
    changes.sort((x, y) -> Boolean.compare(x.entry() == null, y.entry() == null));
    for (AccountChange c : changes) {
      apply(now, c);
    }
  }

  private AccountChange read(String user, Set<String> files) {
    Instant start = clock.instant();
    Optional<WhmAccount> account = whm.account(user);
    List<WhmDomain> rows = whm.domainsOf(user);
    state.lastWhmRead = clock.instant();
    if (account.isPresent()) {
      AccountEntry entry = SnapshotBuilder.account(account.get(), rows);
      return new AccountChange(user, files, pending.restored(user) ? entry.asTransferred() : entry,
          Duration.between(start, state.lastWhmRead));
    }
    if (!rows.isEmpty()) {
      throw new WhmException("WHM says account " + user + " does not exist but lists " + rows.size()
          + " of its domains; not deleting");
    }
    return new AccountChange(user, files, null, Duration.between(start, state.lastWhmRead));
  }

  private void apply(Instant now, AccountChange c) {
    Instant start = clock.instant();
    try {
      if (c.entry() != null) {
        registry.putAccount(c.user(), new AccountPush(c.entry(), agentState.get()));
      } else {
        registry.deleteAccount(c.user());
      }
      backoff.success();
      state.lastAccountPush = clock.instant();
      pending.accountAccepted(c.user(), c.files(), clock.instant());
      PendingEvents.Account rest = pending.account(c.user());
      if (rest != null) {
        rest.failures = 0;
      }
      LOG.info("{} account {} of {} ({} events; WHM read {} ms, registry {} ms)",
          c.entry() == null ? "removed" : "pushed", c.user(), settings.server(), c.files().size(), c.read().toMillis(),
          Duration.between(start, clock.instant()).toMillis());
      if (c.entry() != null) {
        pushed.accept(c.user());
      }
    } catch (RegistryRefusedException e) {
      PendingEvents.Account a = pending.account(c.user());
      if (a != null) {
        a.notBefore = now.plus(settings.fullInterval());
      }
      state.error(now, e.getMessage());
      LOG.error("registry refused account {} of {}; next attempt at {}: {}", c.user(), settings.server(),
          now.plus(settings.fullInterval()), e.getMessage());
    }
  }

  private record AccountChange(String user, Set<String> files, AccountEntry entry, Duration read) {}
}
