package io.cphub.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator commands against a real database, through the same picocli line the jar runs. */
class CliTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path config(String extra) throws Exception {
    Path p = dir.resolve("registry.properties");
    Files.writeString(p, "db.url=" + PG.db().url() + "\ndb.user=" + PG.db().user() + "\n"
        + (PG.db().password() == null ? "" : "db.password=" + PG.db().password() + "\n")
        + "admin.token=0123456789abcdef0123\n" + extra);
    return p;
  }

  @Test
  void operatorCommands_workAgainstTheDatabase() throws Exception {
    String cfg = config("").toString();
    assertThat(run("migrate", "--config", cfg).out()).containsPattern("schema version [0-9]+");
    Run add = run("servers", "add", "--config", cfg, "--name", "cli1.hoster.test", "--address", "10.3.0.1");
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).contains("\"token\"").contains("cphub_");
    assertThat(run("servers", "set-state", "--config", cfg, "cli1.hoster.test", "draining").out()).contains("draining");
    assertThat(run("servers", "set-address", "--config", cfg, "cli1.hoster.test", "10.3.0.11").out()).contains("10.3.0.11");
    assertThat(run("servers", "list", "--config", cfg).out()).contains("cli1.hoster.test").contains("10.3.0.11");
    assertThat(run("conflicts", "--config", cfg).out().strip()).isEqualTo("[ ]");
    assertThat(run("conflicts", "--config", cfg, "--accounts").out().strip()).isEqualTo("[ ]");
    assertThat(run("pins", "--config", cfg).out().strip()).isEqualTo("[ ]");
    Run missing = run("route", "--config", cfg, "someone@nowhere.example");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no_route");
    Run badState = run("servers", "set-state", "--config", cfg, "cli1.hoster.test", "gone");
    assertThat(badState.code()).isEqualTo(2);
    assertThat(badState.err()).contains("invalid_state");
    Run unpin = run("unpin", "--config", cfg, "x.example");
    assertThat(unpin.err()).contains("no_pin");
    Run unpinAccount = run("unpin", "--config", cfg, "--account", "nobody");
    assertThat(unpinAccount.code()).isEqualTo(2);
    assertThat(unpinAccount.err()).contains("no_pin");
    Run pinAccount = run("pin", "--config", cfg, "--account", "nobody", "--server", "cli1.hoster.test", "--reason", "test");
    assertThat(pinAccount.code()).isEqualTo(2);
    assertThat(pinAccount.err()).contains("pin_not_claimed").contains("has no account nobody");
  }

  @Test
  void tokensOperatorsAndAudit_fromTheCli_recordTheOperatingSystemUser() throws Exception {
    String cfg = config("").toString();
    assertThat(run("migrate", "--config", cfg).code()).isZero();
    Run add = run("servers", "add", "--config", cfg, "--name", "cli2.hoster.test", "--address", "10.3.0.2",
        "--reason", "new box");
    assertThat(add.code()).as(add.err()).isZero();
    Run rotate = run("servers", "rotate-token", "--config", cfg, "cli2.hoster.test", "--reason", "yearly");
    assertThat(rotate.code()).as(rotate.err()).isZero();
    assertThat(rotate.out()).contains("\"token\" : \"cphub_").contains("previousValidUntil");
    Run revoke = run("servers", "revoke-token", "--config", cfg, "cli2.hoster.test");
    assertThat(revoke.out()).contains("\"revoked\" : true");
    Run missing = run("servers", "rotate-token", "--config", cfg, "nope.hoster.test");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("unknown_server");
    Run op = run("operators", "add", "--config", cfg, "oncall", "--reason", "rota");
    assertThat(op.code()).as(op.err()).isZero();
    assertThat(op.out()).contains("cphub_");
    assertThat(run("operators", "add", "--config", cfg, "oncall").err()).contains("duplicate_operator");
    assertThat(run("operators", "list", "--config", cfg).out()).contains("oncall").doesNotContain("cphub_");
    assertThat(run("operators", "revoke", "--config", cfg, "oncall").code()).isZero();
    assertThat(run("operators", "revoke", "--config", cfg, "oncall").err()).contains("unknown_operator");
    Run audit = run("audit", "--config", cfg, "--limit", "10");
    assertThat(audit.code()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("\"actorKind\" : \"os\"")
        .contains("\"actor\" : \"" + System.getProperty("user.name") + "\"")
        .contains("token.rotate").contains("token.revoke").contains("operator.add").contains("operator.revoke")
        .contains("server.enrol").contains("\"reason\" : \"yearly\"");
    assertThat(run("audit", "--config", cfg, "--limit", "0").err()).contains("invalid_request");
  }

  @Test
  void contestsAndDecide_listTheWaitingClaim_andMoveTheRouteWithoutAPin() throws Exception {
    String cfg = config("").toString();
    run("migrate", "--config", cfg);
    run("servers", "add", "--config", cfg, "--name", "cli-a.hoster.test", "--address", "10.3.1.1");
    run("servers", "add", "--config", cfg, "--name", "cli-b.hoster.test", "--address", "10.3.1.2");
    io.cphub.registry.Services s = io.cphub.registry.Services.create(
        io.cphub.registry.store.Database.jdbi(PG.db().dataSource()), java.time.Clock.systemUTC(), 0.2);
    s.claims().putSnapshot("cli-a.hoster.test", io.cphub.registry.Fixtures.snapshot(
        io.cphub.registry.Fixtures.account("cliuser", false, "cli.example")), false);
    s.claims().putSnapshot("cli-b.hoster.test", io.cphub.registry.Fixtures.snapshot(
        io.cphub.registry.Fixtures.account("cliuser", false, "cli.example")), false);
    Run contests = run("contests", "--config", cfg);
    assertThat(contests.code()).as(contests.err()).isZero();
    assertThat(contests.out()).contains("\"name\" : \"cli.example\"").contains("\"name\" : \"cliuser\"")
        .contains("cli-b.hoster.test").contains("no WHM transfer or restore");
    Run noReason = run("decide", "--config", cfg, "cli.example", "--server", "cli-b.hoster.test");
    assertThat(noReason.code()).isNotZero();
    Run decided = run("decide", "--config", cfg, "cli.example", "--server", "cli-b.hoster.test", "--reason", "ticket 7");
    assertThat(decided.code()).as(decided.err()).isZero();
    assertThat(decided.out()).contains("\"routesChanged\" : 1");
    Run account = run("decide", "--config", cfg, "--account", "cliuser", "--server", "cli-b.hoster.test",
        "--reason", "ticket 7");
    assertThat(account.out()).contains("\"routesChanged\" : 1");
    assertThat(run("route", "--config", cfg, "cliuser").out()).contains("cli-b.hoster.test");
    assertThat(run("pins", "--config", cfg).out().strip()).isEqualTo("[ ]");
    assertThat(run("contests", "--config", cfg).out().strip()).isEqualTo("[ ]");
    Run refused = run("decide", "--config", cfg, "cli.example", "--server", "nope.hoster.test", "--reason", "x");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("unknown_server");
    assertThat(run("audit", "--config", cfg, "--limit", "10").out()).contains("contest.decide")
        .contains("account-contest.decide").contains("\"reason\" : \"ticket 7\"");
    s.claims().deleteAccount("cli-a.hoster.test", "cliuser");
    s.claims().deleteAccount("cli-b.hoster.test", "cliuser");
  }

  @Test
  void unknownConfigKey_failsNamingIt() throws Exception {
    Run r = run("servers", "list", "--config", config("http.prot=1\n").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'http.prot'");
  }

  @Test
  void bansAndChanges_fromTheCli_liftAsTheProxyDoes_andAreAudited() throws Exception {
    String cfg = config("").toString();
    assertThat(run("migrate", "--config", cfg).code()).isZero();
    try (var c = PG.db().connect(); var st = c.createStatement()) {
      st.executeUpdate("INSERT INTO ban (kind, key, reason, failures, attempts, created_at, expires_at, created_by) "
          + "VALUES ('net', '198.51.100.0/24', 'net-failures', 30, 80, now(), now() + interval '1 hour', 'proxy1')");
    }
    Run list = run("bans", "list", "--config", cfg);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("\"198.51.100.0/24\"").contains("in_force");
    Run bad = run("bans", "lift", "--config", cfg, "net", "198.51.100.0/8");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("invalid_ban_key");
    Run lift = run("bans", "lift", "--config", cfg, "net", "198.51.100.200/24", "--reason", "office NAT");
    assertThat(lift.code()).as(lift.err()).isZero();
    assertThat(lift.out()).contains("\"lifted\"").contains("\"liftedBy\" : \"os:");
    Run again = run("bans", "lift", "--config", cfg, "net", "198.51.100.0/24");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("no_ban");
    assertThat(run("bans", "list", "--config", cfg).out().strip()).isEqualTo("[ ]");
    assertThat(run("bans", "list", "--config", cfg, "--all").out()).contains("198.51.100.0/24");
    Run audit = run("audit", "--config", cfg, "--limit", "1");
    assertThat(audit.out()).contains("\"ban.lift\"").contains("\"actorKind\" : \"os\"").contains("office NAT");
    assertThat(run("servers", "add", "--config", cfg, "--name", "cli9.hoster.test", "--address", "10.3.0.9").code())
        .isZero();
    assertThat(run("servers", "set-state", "--config", cfg, "cli9.hoster.test", "draining").code()).isZero();
    Run changes = run("changes", "--config", cfg, "--limit", "1");
    assertThat(changes.code()).as(changes.err()).isZero();
    assertThat(changes.out()).contains("\"kind\" : \"server\"").contains("cli9.hoster.test");
    Run tooMany = run("changes", "--config", cfg, "--limit", "5000");
    assertThat(tooMany.code()).isEqualTo(2);
    assertThat(tooMany.err()).contains("invalid_request");
  }
}
