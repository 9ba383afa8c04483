package io.cphub.agent.snapshot;

import io.cphub.agent.whm.WhmAccount;
import io.cphub.agent.whm.WhmDomain;
import io.cphub.agent.whm.WhmException;
import io.cphub.model.Domain;
import io.cphub.model.InvalidNameException;
import io.cphub.model.Username;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.DomainEntry;
import io.cphub.model.wire.DomainKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds registry account entries from WHM rows: normalises names with the shared {@link Domain}
 * and {@link Username}, drops the hidden subdomains that back addon domains, keeps wildcards out
 * (they never route a login), skips names that cannot be normalised (logged), and carries owner and
 * suspension. Refuses (with {@link WhmException}) answers too empty to trust. Stateless.
 */
public final class SnapshotBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotBuilder.class);

  private SnapshotBuilder() {}

  /** All accounts of a full read; refuses an empty account or domain list. */
  public static List<AccountEntry> build(List<WhmAccount> accounts, List<WhmDomain> domains) {
    if (accounts.isEmpty()) {
      throw new WhmException("WHM listaccts returned no accounts; refusing to push an empty snapshot");
    }
    if (domains.isEmpty()) {
      throw new WhmException("WHM get_domain_info returned no domains for " + accounts.size()
          + " accounts; refusing to push a snapshot built from it");
    }
    Map<String, List<WhmDomain>> byUser = new HashMap<>();
    for (WhmDomain d : domains) {
      byUser.computeIfAbsent(d.user().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(d);
    }
    Map<String, AccountEntry> out = new LinkedHashMap<>();
    for (WhmAccount a : accounts) {
      AccountEntry e = entry(a, byUser.getOrDefault(a.user().toLowerCase(Locale.ROOT), List.of()));
      if (e != null && out.putIfAbsent(e.username(), e) != null) {
        LOG.warn("WHM listed account {} twice; keeping the first row", e.username());
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * One account from a per-account re-read. Refuses an account WHM lists without any domain row
   * (pushing it would remove its other domains).
   */
  public static AccountEntry account(WhmAccount account, List<WhmDomain> rows) {
    if (rows.isEmpty()) {
      throw new WhmException("WHM lists account " + account.user() + " but get_domain_info has no domain of it;"
          + " not pushing");
    }
    AccountEntry e = entry(account, rows);
    if (e == null) {
      throw new WhmException("WHM account " + account.user() + " cannot be normalised; not pushing");
    }
    return e;
  }

  /** The entry, or null (logged) when the username or main domain cannot be normalised. */
  static AccountEntry entry(WhmAccount a, List<WhmDomain> rows) {
    Username user;
    Domain main;
    try {
      user = Username.parse(a.user());
      main = Domain.parse(a.domain());
    } catch (InvalidNameException e) {
      LOG.warn("skipping WHM account {}: {}", io.cphub.model.Printable.of(a.user()), e.getMessage());
      return null;
    }
    Set<String> backing = new HashSet<>();
    for (WhmDomain d : rows) {
      if (d.type().equals("addon") && d.parentDomain() != null) {
        backing.add(d.parentDomain().strip().toLowerCase(Locale.ROOT));
      }
    }
    Map<String, DomainEntry> entries = new LinkedHashMap<>();
    entries.put(main.name(), new DomainEntry(main.name(), DomainKind.MAIN));
    for (WhmDomain d : rows) {
      DomainKind kind = kind(d);
      if (kind == null || (kind == DomainKind.SUB && backing.contains(d.domain().strip().toLowerCase(Locale.ROOT)))) {
        continue;
      }
      Domain name;
      try {
        name = Domain.parse(d.domain());
      } catch (InvalidNameException e) {
        LOG.warn("skipping domain of account {}: {}", user, e.getMessage());
        continue;
      }
      if (name.isWildcard() || (kind == DomainKind.MAIN && !name.equals(main))) {
        continue;
      }
      entries.putIfAbsent(name.name(), new DomainEntry(name.name(), kind));
    }
    return new AccountEntry(user.name(), main.name(), a.owner().toLowerCase(Locale.ROOT), a.suspended(),
        List.copyOf(entries.values()));
  }

  private static DomainKind kind(WhmDomain d) {
    try {
      return DomainKind.of(d.type().strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      LOG.warn("skipping domain {} of unknown type {}", io.cphub.model.Printable.of(d.domain()),
          io.cphub.model.Printable.of(d.type()));
      return null;
    }
  }
}
