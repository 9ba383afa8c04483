package io.cphub.proxy.abuse;

import io.cphub.model.InvalidNameException;
import io.cphub.model.Login;
import io.cphub.proxy.config.ConfigLoader;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.route.PgConnector;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bans list} and {@code bans lift <kind> <key>}: the operator's view of the shared ban
 * table, through the proxy's own database settings. Lifting NOTIFYs every node, which stops
 * enforcing the ban within a second. Exit codes: 0 done, 1 no such ban in force, 2 invalid
 * input, 3 database unreachable or failing.
 */
@Command(name = "bans", mixinStandardHelpOptions = true, description = "List and lift abuse bans shared by all proxies.",
    subcommands = {BansCommand.ListBans.class, BansCommand.Lift.class})
public final class BansCommand implements Runnable {
  @Option(names = "--config", required = true, description = "properties file; CPHUB_* environment variables override it")
  Path config;

  final Clock clock;
  final Map<String, String> env;
  final PrintStream out;

  public BansCommand() {
    this(Clock.systemUTC(), System.getenv(), System.out);
  }

  BansCommand(Clock clock, Map<String, String> env, PrintStream out) {
    this.clock = clock;
    this.env = env;
    this.out = out;
  }

  @Override
  public void run() {
    out.println("usage: bans --config FILE (list [--all] | lift <ip|net|account> <key>)");
  }

  ProxyConfig load() {
    return ConfigLoader.load(config, env);
  }

  Connection connect(ProxyConfig c) throws SQLException {
    return new PgConnector(c.db().url(), c.db().user(), c.db().password(), c.db().connectTimeout(),
        c.db().socketTimeout()).connect();
  }

  /** {@code bans list [--all]}: bans in force (with {@code --all}, also ended and lifted ones). */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List bans in force.")
  static final class ListBans implements Callable<Integer> {
    @ParentCommand
    BansCommand parent;

    @Option(names = "--all", description = "also list bans that ended or were lifted")
    boolean all;

    @Override
    public Integer call() {
      ProxyConfig c = parent.load();
      Instant now = parent.clock.instant();
      List<BanStore.Row> rows;
      try (Connection conn = parent.connect(c)) {
        rows = BanStore.list(conn, now, all);
      } catch (SQLException e) {
        parent.out.println("database error: " + e.getMessage());
        return 3;
      }
      parent.out.println("id\tkind\tkey\treason\tfailures\tattempts\toffence\tcreated\texpires\tby\tstate");
      for (BanStore.Row r : rows) {
        Ban b = r.ban();
        String state = r.liftedAt() != null ? "lifted " + r.liftedAt() + " by " + r.liftedBy()
            : b.activeAt(now) ? "in force" : "ended";
        parent.out.println(b.id() + "\t" + b.kind().label() + "\t" + b.key() + "\t" + b.reason() + "\t" + b.failures()
            + "\t" + b.attempts() + "\t" + b.offences() + "\t" + b.createdAt() + "\t" + b.expiresAt() + "\t"
            + b.createdBy() + "\t" + state);
      }
      parent.out.println(rows.size() + (all ? " bans" : " bans in force"));
      return 0;
    }
  }

  /** {@code bans lift <kind> <key>}: ends a ban in force on every node. */
  @Command(name = "lift", mixinStandardHelpOptions = true, description = "Lift a ban in force on every proxy.")
  static final class Lift implements Callable<Integer> {
    @ParentCommand
    BansCommand parent;

    @Parameters(index = "0", description = "ip, net or account")
    String kind;

    @Parameters(index = "1", description = "an IP address, a /24, /16, /64, /48 or /32 network, or a login")
    String key;

    @Option(names = "--by", description = "who lifts it, recorded with the ban (default: cli@<abuse.node>)")
    String by;

    @Override
    public Integer call() {
      Ban.Kind k;
      String canonical;
      try {
        k = Ban.Kind.of(kind);
        canonical = canonical(k, key);
      } catch (IllegalArgumentException e) {
        parent.out.println("invalid: " + e.getMessage());
        return 2;
      }
      ProxyConfig c = parent.load();
      String who = by != null ? by : "cli@" + c.abuse().node();
      if (who.isBlank() || who.length() > 253 || who.chars().anyMatch(Character::isISOControl)) {
        parent.out.println("invalid: --by must be 1-253 printable characters");
        return 2;
      }
      try (Connection conn = parent.connect(c)) {
        BanStore.Row r = BanStore.lift(conn, k, canonical, parent.clock.instant(), who);
        if (r == null) {
          parent.out.println("no " + k.label() + " ban in force on " + canonical);
          return 1;
        }
        parent.out.println("lifted ban " + r.ban().id() + " on " + k.label() + " " + r.ban().key() + " (" + r.ban().reason()
            + ", offence " + r.ban().offences() + ")");
        return 0;
      } catch (SQLException e) {
        parent.out.println("database error: " + e.getMessage());
        return 3;
      }
    }
  }

  /** The canonical key, as the guard stores it, or IllegalArgumentException saying what is wrong. */
  static String canonical(Ban.Kind kind, String key) {
    switch (kind) {
      case IP -> {
        ClientAddress a = ClientAddress.parse(key);
        if (a == null) {
          throw new IllegalArgumentException("'" + io.cphub.model.Printable.of(key) + "' is not an IP address");
        }
        return a.key();
      }
      case NET -> {
        String k = BanStore.canonicalKey(Ban.Kind.NET, key);
        if (k == null) {
          throw new IllegalArgumentException("'" + io.cphub.model.Printable.of(key)
              + "' is not a network like 192.0.2.0/24 or 2001:db8:1:2::/64");
        }
        return k;
      }
      default -> {
        try {
          return GuardHook.account(Login.parse(key));
        } catch (InvalidNameException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }
    }
  }
}
