package io.cphub.agent;

import io.cphub.agent.config.AgentConfig;
import io.cphub.agent.dns.DnsClient;
import io.cphub.agent.dns.DnsJournal;
import io.cphub.agent.dns.DnsProgressFile;
import io.cphub.agent.dns.DnsReport;
import io.cphub.agent.dns.DnsRollback;
import io.cphub.agent.dns.DnsRollout;
import io.cphub.agent.whm.WhmClient;
import java.time.Clock;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cphub-agent dns plan|apply|rollback}: points this server's autoconfig/autodiscover records
 * at {@code dns.target}. Exit 0 when nothing failed, 3 when a zone failed or conflicted.
 */
@Command(name = "dns", description = "Point cPanel's mail-client DNS records at the central host.",
    subcommands = {DnsCommand.Plan.class, DnsCommand.Apply.class, DnsCommand.Rollback.class})
final class DnsCommand {
  abstract static class Base extends Main.WithConfig {
    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    DnsClient client(AgentConfig c) {
      return new DnsClient(new WhmClient(HttpUrl.get(c.whmUrl()), c.whmUser(), c.whmToken(), c.whmConnectTimeout(),
          c.whmReadTimeout()));
    }

    int print(DnsReport r) {
      System.out.print(json ? r.json() + "\n" : r.table());
      return r.anyFailed() ? 3 : 0;
    }
  }

  @Command(name = "plan", description = "Show, for every zone, the record changes and Tweak Settings (read-only).")
  static final class Plan extends Base implements Callable<Integer> {
    @Option(names = "--only", description = "one domain's zone")
    String only;

    @Override
    public Integer call() {
      AgentConfig c = load();
      return print(new DnsRollout(client(c), new DnsJournal(c.dns().journal()), c.dns(), Clock.systemUTC(),
          d -> Thread.sleep(d.toMillis())).run(only, 0, false));
    }
  }

  @Command(name = "apply", description = "Apply the plan (dry run unless --execute/--yes); journals old values first.")
  static final class Apply extends Base implements Callable<Integer> {
    @Option(names = "--only", description = "one domain's zone")
    String only;

    @Option(names = "--zones", defaultValue = "0", description = "change at most N zones in this run (0 = all)")
    int zones;

    @Option(names = {"--execute", "--yes"}, description = "really change the zones")
    boolean execute;

    @Override
    public Integer call() {
      AgentConfig c = load();
      DnsReport r = new DnsRollout(client(c), new DnsJournal(c.dns().journal()), c.dns(), Clock.systemUTC(),
          d -> Thread.sleep(d.toMillis())).run(only, zones, execute);
      new DnsProgressFile(c.dns().progress()).record(r, only, zones, Clock.systemUTC().instant());
      return print(r);
    }
  }

  @Command(name = "rollback", description = "Restore every record and Tweak Setting the journal holds.")
  static final class Rollback extends Base implements Callable<Integer> {
    @Option(names = "--only", description = "one domain's zone (Tweak Settings are restored only without --only)")
    String only;

    @Override
    public Integer call() {
      AgentConfig c = load();
      DnsReport r = new DnsRollback(client(c), new DnsJournal(c.dns().journal()), Clock.systemUTC()).run(only);
      new DnsProgressFile(c.dns().progress()).rolledBack(only);
      return print(r);
    }
  }
}
