package io.cphub.proxy.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per login, whether the password may be checked and how long a failure reply makes the
 * client wait, and learns from each outcome. Failures are counted per client IP, per network
 * (/24, /64) and per account in sliding windows. Wrong passwords count once per distinct
 * (account, password) pair, so a device retrying one stale password is slowed by longer
 * Auth-Waits but never banned, while a dictionary run bans its IP. A success forgives that
 * account's failures from that IP and marks the pair known-good: a protected account (too many
 * distinct wrong passwords from elsewhere) still lets its owner in from there. Allow-listed
 * networks are never delayed or banned. Passwords are never seen: callers pass a keyed hash.
 * Thread-safe and non-blocking; time comes from the injected clock.
 */
public final class AbuseGuard {
  private static final Logger LOG = LoggerFactory.getLogger(AbuseGuard.class);
  private final GuardConfig config;
  private final Clock clock;
  private final BanList bans;
  private final BanSink sink;
  private final GuardMetrics metrics;
  private final AllowList allow;
  private final Tracker ips;
  private final Tracker nets;
  private final Tracker accounts;
  private final KnownGood knownGood;
  private final Cache<String, Integer> offences;
  private final PasswordTags owners = new PasswordTags();
  private final Escalation escalation;

  AbuseGuard(GuardConfig config, Clock clock, BanList bans, BanSink sink, GuardMetrics metrics) {
    this.config = config;
    this.clock = clock;
    this.bans = bans;
    this.sink = sink;
    this.metrics = metrics;
    this.allow = AllowList.parse(config.allowNetworks());
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    int cap = config.itemCap();
    ips = new Tracker("ip", config.window(), config.maxTracked(), cap, ticker, metrics);
    nets = new Tracker("net", config.window(), config.maxTracked(), cap, ticker, metrics);
    accounts = new Tracker("account", config.accountWindow(), config.maxTracked(), cap, ticker, metrics);
    knownGood = new KnownGood(config, clock, ticker, metrics);
    escalation = new Escalation(config.netEscalateAfter(), config.maxTracked(), config.repeatWindow(), ticker);
    metrics.trackedKeys("escalation", escalation::size);
    offences = Caffeine.newBuilder().maximumSize(config.maxTracked()).expireAfterWrite(config.repeatWindow())
        .ticker(ticker).executor(Runnable::run).build();
    metrics.bindBans(() -> bans.countByKind(clock.instant()));
  }

  /**
   * Before the password check.
   *
   * @param account the normalised login, or null when the login could not be parsed
   * @param attempt nginx's Auth-Login-Attempt (past {@code waitMaxAttempts} no wait is asked)
   */
  public Verdict before(ClientAddress ip, String account, int attempt) {
    Verdict v = decide(ip, account, attempt);
    metrics.attempt(v);
    return v;
  }

  private Verdict decide(ClientAddress ip, String account, int attempt) {
    if (allow.contains(ip)) {
      return Verdict.ALLOW;
    }
    Instant now = clock.instant();
    Ban b = banOn(ip, account, now);
    if (b != null) {
      return Verdict.refuse(b);
    }
    if (attempt > config.waitMaxAttempts()) {
      return Verdict.ALLOW;
    }
    long ms = now.toEpochMilli();
    int level = ips.count(ip.key(), ms).total() - config.ipWaitAfter() + 1;
    if (account != null) {
      int a = accounts.count(account, ms).distinct() - config.accountWaitAfter() + 1;
      if (a > level && a >= 1 && !knownGood.contains(account, ip)) {
        level = a;
      }
    }
    return level >= 1 ? Verdict.delay(config.waitSeconds(level)) : Verdict.ALLOW;
  }

  /** The ban that refuses this login: on the address, any of its networks, or (unless known-good) the account. */
  private Ban banOn(ClientAddress ip, String account, Instant now) {
    if (bans.isEmpty()) {
      return null;
    }
    Ban b = bans.active(Ban.Kind.IP, ip.key(), now);
    for (int i = 0; b == null && i < ip.prefixes().length; i++) {
      b = bans.active(Ban.Kind.NET, ip.network(ip.prefixes()[i]), now);
    }
    if (b == null && account != null) {
      b = bans.active(Ban.Kind.ACCOUNT, account, now);
      if (b != null && knownGood.contains(account, ip)) {
        b = null;
      }
    }
    return b;
  }

  /**
   * After a wrong password (or an unknown login).
   *
   * @param account the normalised login of an existing account, or null (unknown or unparsable
   *     login: counted against the IP and network only)
   * @param tag a keyed hash of the password (and possibly the login); equal tags mean the same
   *     password was tried again
   */
  public void failed(ClientAddress ip, String account, long tag) {
    metrics.failure();
    if (allow.contains(ip)) {
      return;
    }
    long now = clock.millis();
    long owner = owner(account);
    long item = tag * 0x9E3779B97F4A7C15L + owner;
    Tally.Count ic = ips.record(ip.key(), item, owner, now);
    Tally.Count nc = nets.record(ip.network(), item, owner, now);
    if (ic.distinct() >= config.ipBanAfter()) {
      ban(Ban.Kind.IP, ip.key(), "ip-failures", ic, ips, ip, 0);
    } else if (nc.distinct() >= config.netBanAfter()) {
      ban(Ban.Kind.NET, ip.network(), "net-failures", nc, nets, ip, 1);
    }
    if (account != null && !knownGood.contains(account, ip)) {
      Tally.Count ac = accounts.record(account, tag, 0, now);
      if (ac.distinct() >= config.accountProtectAfter()) {
        ban(Ban.Kind.ACCOUNT, account, "account-spray", ac, accounts, null, 0);
      }
    }
  }

  /** After a correct password: relaxes this IP's counts for the account and remembers the pair. */
  public void succeeded(ClientAddress ip, String account) {
    metrics.success();
    if (account == null) {
      return;
    }
    knownGood.remember(account, ip);
    long owner = owner(account);
    ips.forgive(ip.key(), owner);
    nets.forgive(ip.network(), owner);
  }

  /**
   * Whose failure an item is, for forgiveness: a keyed 64-bit hash of the full account (never 0),
   * or 0 for unknown logins. The key is random per process, so no account name can be chosen to
   * collide with another account or with the unknown logins.
   */
  private long owner(String account) {
    if (account == null) {
      return 0;
    }
    long t = owners.tag(account.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return t == 0 ? 1 : t;
  }

  /** Forgets the counts behind a ban an operator lifted, so the next failure does not re-ban at once. */
  void lifted(Ban.Kind kind, String key) {
    switch (kind) {
      case IP -> ips.reset(key);
      case NET -> {
        nets.reset(key);
        escalation.reset(key);
      }
      case ACCOUNT -> accounts.reset(key);
    }
  }

  /**
   * Synchronized: two threads crossing a threshold together decide one ban. Rare, so never
   * contended. A ban of an address or network ({@code ip} at {@code level}) also counts in the
   * wider networks, and bans the narrowest one that has had enough of its parts banned.
   */
  private synchronized void ban(Ban.Kind kind, String key, String reason, Tally.Count count, Tracker tracker,
      ClientAddress ip, int level) {
    Instant now = clock.instant();
    if (bans.active(kind, key, now) != null) {
      return;
    }
    String target = Ban.target(kind, key);
    Integer before = offences.getIfPresent(target);
    int n = before == null ? 1 : before + 1;
    offences.put(target, n);
    Ban b = new Ban(0, kind, key, reason, count.distinct(), Math.max(count.total(), count.distinct()), n, now,
        now.plus(config.banDuration(n)), config.node());
    bans.putLocal(b);
    tracker.reset(key);
    metrics.ban(b);
    LOG.warn("ban {} {} until {} ({}): {} distinct failures, {} attempts within {}, offence {}", kind.label(), key,
        b.expiresAt(), reason, b.failures(), b.attempts(),
        kind == Ban.Kind.ACCOUNT ? config.accountWindow() : config.window(), n);
    sink.publish(b);
    int wider = ip == null ? -1 : escalation.banned(ip, level);
    if (wider > 0) {
      ban(Ban.Kind.NET, Escalation.key(ip, wider), "net-escalated", count, nets, ip, wider);
    }
  }

  BanList bans() {
    return bans;
  }

  KnownGood knownGood() {
    return knownGood;
  }

  /** Runs pending tracker maintenance (tests and benchmarks measuring memory). */
  void cleanUp() {
    ips.cleanUp();
    nets.cleanUp();
    accounts.cleanUp();
  }
}
