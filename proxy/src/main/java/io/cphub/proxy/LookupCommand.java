package io.cphub.proxy;

import io.cphub.model.InvalidNameException;
import io.cphub.model.Login;
import io.cphub.proxy.config.ConfigLoader;
import io.cphub.proxy.config.ProxyConfig;
import io.cphub.proxy.route.Backend;
import io.cphub.proxy.route.PgConnector;
import io.cphub.proxy.route.RouteSource;
import io.cphub.proxy.route.RouteTable;
import io.cphub.proxy.route.TableFile;
import io.cphub.proxy.route.TableFileException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lookup <login>}: where the proxy would send a login, read from the database (or, with
 * {@code --from-file} or when the database is unreachable, from the local table file). Exit 0 with a
 * route, 1 without, 2 for an invalid login, 3 when no table could be read.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true, description = "Show where a login routes.")
final class LookupCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "properties file")
  Path config;

  @Option(names = "--from-file", description = "read the local table file instead of the database")
  boolean fromFile;

  @Parameters(index = "0", description = "login: local@domain, local+domain or a cPanel username")
  String login;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    ProxyConfig c = ConfigLoader.load(config, System.getenv());
    Login parsed;
    try {
      parsed = Login.parse(login);
    } catch (InvalidNameException e) {
      out.println("invalid login: " + e.getMessage());
      return 2;
    }
    RouteTable t = fromFile ? null : fromDatabase(c, out);
    if (t == null) {
      try {
        TableFile.Saved s = TableFile.read(c.table().file());
        out.println("table: file " + c.table().file() + " saved " + s.savedAt());
        t = s.table();
      } catch (TableFileException e) {
        out.println("no table: " + e.getMessage());
        return 3;
      }
    }
    out.println("table: version " + t.version() + ", " + t.domainCount() + " domains, " + t.accountCount() + " accounts");
    out.println("login: " + parsed);
    Backend b = t.route(parsed);
    if (b == null) {
      out.println("route: none (answered like a wrong password)");
      return 1;
    }
    out.println("route: server " + b.id() + " " + b.name() + " address " + b.address() + " state " + b.state());
    out.println("ports: imap " + port(b.imapPort(), c.backend().imap()) + ", pop3 " + port(b.pop3Port(), c.backend().pop3())
        + ", smtp " + port(b.smtpPort(), c.backend().smtp()));
    if (!b.hasIpAddress()) {
      out.println("warning: the address is not an IP literal; logins get a temporary failure");
    }
    return 0;
  }

  private static RouteTable fromDatabase(ProxyConfig c, PrintStream out) {
    PgConnector pg = new PgConnector(c.db().url(), c.db().user(), c.db().password(), c.db().connectTimeout(),
        c.db().socketTimeout());
    try (Connection conn = pg.connect()) {
      out.println("table: database " + c.db().url());
      return new RouteSource(Clock.systemUTC()).snapshot(conn);
    } catch (SQLException e) {
      out.println("database unreachable (" + e.getMessage() + "); trying the table file");
      return null;
    }
  }

  private static String port(Integer own, int dflt) {
    return own != null ? own + " (server)" : dflt + " (default)";
  }
}
