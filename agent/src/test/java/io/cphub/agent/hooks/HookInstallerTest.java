package io.cphub.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.AgentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the installer against a fake manage_hooks that records its arguments. */
class HookInstallerTest {
  @TempDir Path dir;

  Path fake(int exit) throws Exception {
    Path log = dir.resolve("calls.log");
    Path script = dir.resolve("manage_hooks");
    Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexit " + exit + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void install_registersEveryEvent_withTheDocumentedArguments() throws Exception {
    new HookInstaller(fake(0), Path.of("/usr/local/cphub-agent/bin/cphub-hook")).install();
    List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
    assertThat(calls).hasSize(HookInstaller.EVENTS.size()).contains(
        "add script /usr/local/cphub-agent/bin/cphub-hook --manual --category Whostmgr --event Accounts::Create --stage post",
        "add script /usr/local/cphub-agent/bin/cphub-hook --manual --category Whostmgr --event Accounts::Remove --stage pre",
        "add script /usr/local/cphub-agent/bin/cphub-hook --manual --category Whostmgr --event Accounts::Remove --stage post",
        "add script /usr/local/cphub-agent/bin/cphub-hook --manual --category Whostmgr --event Domain::delsubdomain --stage post",
        "add script /usr/local/cphub-agent/bin/cphub-hook --manual --category PkgAcct --event Restore --stage post",
        "add script /usr/local/cphub-agent/bin/cphub-hook --manual --category ConvertAddon --event ConvertAddon::convert_addon --stage post");
  }

  @Test
  void uninstall_deletesEveryEvent() throws Exception {
    new HookInstaller(fake(0), Path.of("/opt/h")).uninstall();
    assertThat(Files.readAllLines(dir.resolve("calls.log"))).hasSize(HookInstaller.EVENTS.size())
        .allSatisfy(l -> assertThat(l).startsWith("delete script /opt/h --manual --category "));
  }

  @Test
  void failingManageHooks_isReported() throws Exception {
    assertThatThrownBy(() -> new HookInstaller(fake(3), Path.of("/opt/h")).install())
        .isInstanceOf(AgentException.class).hasMessageContaining("failed for 16 of 16").hasMessageContaining("exit 3");
    assertThatThrownBy(() -> new HookInstaller(dir.resolve("missing"), Path.of("/opt/h")).install())
        .isInstanceOf(AgentException.class).hasMessageContaining("cannot run");
  }
}
