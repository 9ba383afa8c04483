package io.cphub.registry.claims;

import io.cphub.model.Domain;
import io.cphub.model.InvalidNameException;
import io.cphub.model.Printable;
import io.cphub.model.Username;
import io.cphub.model.wire.AccountEntry;
import io.cphub.model.wire.DomainEntry;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.store.AccountRow;
import io.cphub.registry.store.ClaimRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns accounts as an agent sent them into a normalised {@link ClaimSet}, or refuses the whole
 * input naming the first bad item ({@code accounts[2].domains[5].name: ...}). Names go through
 * the model's {@link Domain#parse} and {@link Username#parse}; a domain or username that appears
 * twice after normalisation is refused. Stateless.
 */
public final class SnapshotNormaliser {
  static final int MAX_OWNER = 64;

  private SnapshotNormaliser() {}

  public static ClaimSet normalise(List<AccountEntry> entries) {
    Map<String, AccountRow> accounts = new HashMap<>();
    Map<String, ClaimRow> claims = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      AccountEntry e = entries.get(i);
      String at = "accounts[" + i + "]";
      if (e == null) {
        throw new InvalidInputException("invalid_request", at + " is null");
      }
      String username = username(e.username(), at + ".username");
      if (accounts.containsKey(username)) {
        throw new InvalidInputException("duplicate",
            at + ".username: account " + Printable.of(username) + " appears twice");
      }
      String primary = domain(e.primaryDomain(), at + ".primaryDomain");
      String owner = owner(e.owner(), at + ".owner");
      accounts.put(username, new AccountRow(username, primary, owner, e.suspended(), null, e.arrivedByTransfer()));
      for (int j = 0; j < e.domains().size(); j++) {
        DomainEntry d = e.domains().get(j);
        String dat = at + ".domains[" + j + "]";
        if (d == null) {
          throw new InvalidInputException("invalid_request", dat + " is null");
        }
        String name = domain(d.name(), dat + ".name");
        ClaimRow before = claims.put(name, new ClaimRow(name, username, d.kind().wire(), null, e.arrivedByTransfer()));
        if (before != null) {
          throw new InvalidInputException("duplicate", dat + ".name: domain " + Printable.of(name)
              + " appears twice (also in account " + Printable.of(before.username()) + ")");
        }
      }
    }
    return new ClaimSet(accounts, claims);
  }

  /** Normalises one username or refuses it, naming {@code where}. */
  public static String username(String raw, String where) {
    try {
      return Username.parse(raw).name();
    } catch (InvalidNameException e) {
      throw new InvalidInputException("invalid_name", where + ": " + e.getMessage());
    }
  }

  /** Normalises one domain or refuses it, naming {@code where}. */
  public static String domain(String raw, String where) {
    try {
      return Domain.parse(raw).name();
    } catch (InvalidNameException e) {
      throw new InvalidInputException("invalid_name", where + ": " + e.getMessage());
    }
  }

  private static String owner(String raw, String where) {
    String s = raw.strip();
    if (s.isEmpty() || s.length() > MAX_OWNER || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidInputException("invalid_name",
          where + ": owner must be 1-" + MAX_OWNER + " printable characters: " + Printable.of(raw));
    }
    return s;
  }
}
