package io.cphub.agent.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root helper {@code cphub-kick} itself, run by sh with a fake doveadm that logs its arguments. */
class KickHelperTest {
  static final Path SCRIPT = Path.of("src/main/dist/cphub-kick").toAbsolutePath();
  @TempDir Path tmp;
  Path log;
  Path exit;
  Path doveadm;

  /** A doveadm that appends its arguments (one per line, then "."), prints a line and exits with the code in {@code exit}. */
  static Path fakeDoveadm(Path dir) throws IOException {
    Path p = dir.resolve("doveadm");
    Files.writeString(p, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> " + dir.resolve("log")
        + "\necho . >> " + dir.resolve("log") + "\necho 'fake doveadm output'\nexit $(cat " + dir.resolve("exit") + ")\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(dir.resolve("exit"), "0");
    return p;
  }

  record Run(int status, String reply) {}

  @BeforeEach
  void setUp() throws IOException {
    doveadm = fakeDoveadm(tmp);
    log = tmp.resolve("log");
    exit = tmp.resolve("exit");
  }

  Run run(byte[] stdin, String args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("CPHUB_DOVEADM", doveadm.toString());
    if (args != null) {
      pb.environment().put("CPHUB_DOVEADM_ARGS", args);
    }
    Process p = pb.start();
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  Run run(String line) throws Exception {
    return run((line + "\n").getBytes(StandardCharsets.UTF_8), null);
  }

  List<String> calls() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void goodMasks_areKickedAsOneArgumentAfterDashDash() throws Exception {
    for (String mask : List.of("bob", "bob@a.example", "first.last+tag@sub.a-b.example", "*@a.example", "*+a.example",
        "*@xn--bcher-kva.example", "*@A1.Example")) {
      Files.deleteIfExists(log);
      Run r = run(mask);
      assertThat(r.reply()).as(mask).isEqualTo("ok kicked\n");
      assertThat(r.status()).isZero();
      assertThat(calls()).as(mask).containsExactly("kick", "--", mask, ".");
    }
  }

  @Test
  void exit68_isNone_otherExits_areErrorsWithDoveadmsOutput() throws Exception {
    Files.writeString(exit, "68");
    assertThat(run("bob")).isEqualTo(new Run(0, "ok none\n"));
    Files.writeString(exit, "75");
    assertThat(run("*@a.example")).isEqualTo(new Run(1, "error doveadm exit 75: fake doveadm output\n"));
    Files.delete(doveadm);
    Run missing = run("bob");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.reply()).startsWith("error doveadm exit 127");
  }

  @Test
  void hostileMasks_areRefused_andDoveadmIsNeverRun() throws Exception {
    List<String> hostile = List.of("", "*", "*@*", "*+*", "?", "bob?", "b*b", "*bob", "bob@*", "bob@a.exa*",
        "*@", "*+", "@a.example", "*@a..example", "*@-a.example", "*@a-.example", "*@a.example.", "*@localhost",
        "*@a.example@b.example", "bob@@a.example", "a b", " bob", "bob ", "bob\tx", "-A", "--help", "-",
        "bob;id", "$(id)", "`id`", "bob|cat", "bob&", "bob>x", "*@a.example/..", "../bob", "b\u00e9b", "*@a\u00e9.example",
        "%u", "bob\\", "'bob'", "\"bob\"", "x".repeat(256), "*@" + "a".repeat(250) + ".example");
    for (String mask : hostile) {
      Run r = run(mask);
      assertThat(r.status()).as("[" + mask + "]").isEqualTo(2);
      assertThat(r.reply()).as("[" + mask + "]").startsWith("error refused: ").endsWith("\n")
          .doesNotContain("ok").hasLineCount(1);
    }
    assertThat(run(new byte[0], null)).isEqualTo(new Run(2, "error refused: no mask\n"));
    assertThat(calls()).isEmpty();
  }

  @Test
  void onlyTheFirstLineCounts_aCarriageReturnIsDropped() throws Exception {
    assertThat(run("bob\n*".getBytes(StandardCharsets.UTF_8), null).reply()).isEqualTo("ok kicked\n");
    assertThat(run("*@a.example\r\n".getBytes(StandardCharsets.UTF_8), null).reply()).isEqualTo("ok kicked\n");
    assertThat(run("bob".getBytes(StandardCharsets.UTF_8), null).reply()).isEqualTo("ok kicked\n");
    assertThat(calls()).containsExactly("kick", "--", "bob", ".", "kick", "--", "*@a.example", ".", "kick", "--", "bob", ".");
  }

  @Test
  void unitArguments_areSplitOnSpaces_neverGlobbedOrExpanded() throws Exception {
    Files.writeString(tmp.resolve("a.conf"), "");
    assertThat(run(("bob\n").getBytes(StandardCharsets.UTF_8), "-c *.conf  $(id)").reply()).isEqualTo("ok kicked\n");
    assertThat(calls()).containsExactly("-c", "*.conf", "$(id)", "kick", "--", "bob", ".");
  }
}
