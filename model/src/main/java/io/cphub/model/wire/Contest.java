package io.cphub.model.wire;

import java.time.Instant;
import java.util.List;

/**
 * An open contest: a domain ({@code kind} "domain") or cPanel username ("account") whose standing
 * claim keeps the route while newer claims on other servers wait. {@code since}: when the first
 * waiting newcomer was first seen. Each newcomer says in {@code why} why the standing claim holds.
 */
public record Contest(String kind, String name, Instant since, Claim standing, Instant standingSince,
    List<Claim> newcomers) {
  /**
   * One claim: {@code account} the claiming account (domains) or the account's primary domain
   * (usernames); {@code transferred} whether it arrived by a WHM transfer or restore.
   */
  public record Claim(String server, String account, String kind, boolean suspended, Instant firstSeen,
      boolean transferred, String why) {}
}
