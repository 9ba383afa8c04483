package io.cphub.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cphub.model.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real hook script with bash and real-shaped payloads on stdin. */
class HookScriptTest {
  static final Path SCRIPT = Path.of("src/main/dist/cphub-hook");
  static final String CREATE = "{\"context\":{\"category\":\"Whostmgr\",\"event\":\"Accounts::Create\",\"stage\":\"post\","
      + "\"point\":\"main\"},\"hook\":{\"hook\":\"/usr/local/cphub-agent/bin/cphub-hook\",\"exectype\":\"script\","
      + "\"stage\":\"post\",\"weight\":100,\"escalateprivs\":0,\"id\":\"e0H1\"},\n"
      + "  \"data\":{\"user\":\"asdgadg\",\"domain\":\"asdgadg.test\",\"pass\" : \"p\\\"w \\\\ d\",\"Password\":12345,"
      + "\"api_token\":\"tok\",\"owner\":\"root\",\"is_restore\":0}}";
  @TempDir Path dir;

  record Run(String stdout, int exit, long millis) {}

  Run run(String stdin, Path spool) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder("bash", SCRIPT.toString(), spool.toString()).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new Run(out, p.exitValue(), (System.nanoTime() - t0) / 1_000_000);
  }

  List<Path> files(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  @Test
  void spooledFile_belongsToTheSpoolsGroup_readableByItAndNobodyElse() throws Exception {
    GroupPrincipal group;
    try {
      group = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup");
      for (String sub : List.of("", "tmp", "new")) {
        Path d = Files.createDirectories(dir.resolve(sub));
        Files.getFileAttributeView(d, PosixFileAttributeView.class).setGroup(group);
        assertThat(new ProcessBuilder("chmod", "2770", d.toString()).start().waitFor()).isZero();
      }
    } catch (IOException e) {
      assumeTrue(false, "cannot give the spool another group here (needs root): " + e.getMessage());
      return;
    }
    Run r = run(CREATE, dir);
    assertThat(r.stdout()).startsWith("1 ");
    Path spooled = files(dir.resolve("new")).get(0);
    PosixFileAttributes attrs = Files.readAttributes(spooled, PosixFileAttributes.class);
    assertThat(attrs.group()).isEqualTo(group);
    assertThat(PosixFilePermissions.toString(attrs.permissions())).isEqualTo("rw-rw----");
  }

  @Test
  void realPayload_isSpooledWithoutSecrets_andSuccessIsPrinted() throws Exception {
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("new"));
    Run r = run(CREATE, dir);
    assertThat(r.stdout()).startsWith("1 ");
    assertThat(r.exit()).isZero();
    List<Path> spooled = files(dir.resolve("new"));
    assertThat(spooled).hasSize(1);
    assertThat(files(dir.resolve("tmp"))).isEmpty();
    String text = Files.readString(spooled.get(0));
    assertThat(text).doesNotContain("p\\\"w", "12345", "\"tok\"");
    JsonNode json = Json.mapper().readTree(text);
    assertThat(json.at("/data/pass").asText()).isEqualTo("*");
    assertThat(json.at("/data/Password").asText()).isEqualTo("*");
    assertThat(json.at("/data/user").asText()).isEqualTo("asdgadg");
    assertThat(json.at("/context/event").asText()).isEqualTo("Accounts::Create");
  }

  @Test
  void missingSpool_stillAnswersSuccessAtOnce() throws Exception {
    Run r = run(CREATE, dir.resolve("absent"));
    assertThat(r.stdout()).startsWith("1 ");
    assertThat(r.exit()).isZero();
    assertThat(r.millis()).isLessThan(2_000);
  }

  @Test
  void emptyStdin_writesNothing() throws Exception {
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("new"));
    assertThat(run("", dir).stdout()).startsWith("1 ");
    assertThat(files(dir.resolve("new"))).isEmpty();
    assertThat(files(dir.resolve("tmp"))).isEmpty();
  }
}
