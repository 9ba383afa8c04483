package io.cphub.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;
  Spool spool;

  @BeforeEach
  void init() {
    spool = new Spool(dir);
    spool.init();
  }

  SpoolEvent event(String name, String json) throws Exception {
    Files.writeString(dir.resolve("new").resolve(name), json);
    return spool.read(name);
  }

  static String payload(String category, String event, String data) {
    return "{\"context\":{\"category\":\"" + category + "\",\"event\":\"" + event + "\",\"stage\":\"post\",\"point\":\"main\"},"
        + "\"hook\":{},\"data\":" + data + "}";
  }

  @Test
  void eventsNameTheAffectedAccounts() throws Exception {
    assertThat(event("1.json", payload("Whostmgr", "Accounts::Create", "{\"user\":\"Alice\",\"pass\":\"*\"}")).users())
        .containsExactly("alice");
    assertThat(event("2.json", payload("Whostmgr", "Accounts::suspendacct",
        "{\"args\":{\"user\":\"bob\",\"reason\":\"x\"},\"result\":1,\"user\":\"root\"}")).users()).containsExactly("bob");
    SpoolEvent rename = event("3.json", payload("Whostmgr", "Accounts::Modify", "{\"user\":\"old\",\"newuser\":\"new\"}"));
    assertThat(rename.users()).containsExactlyInAnyOrder("old", "new");
    assertThat(rename.full()).isFalse();
    SpoolEvent modify = event("3b.json", payload("Whostmgr", "Accounts::Modify", "{\"user\":\"old\",\"domain\":\"x.test\"}"));
    assertThat(modify.users()).containsExactly("old");
    assertThat(modify.full()).as("a modification that may be a rename asks for a full snapshot").isTrue();
    assertThat(event("4.json", payload("Whostmgr", "Domain::park",
        "{\"target_domain\":\"a.test\",\"new_domain\":\"b.test\",\"user\":\"carol\"}")).users()).containsExactly("carol");
    SpoolEvent transfer = event("5.json", payload("Whostmgr", "Transfers::Session", "{\"session_details\":{}}"));
    assertThat(transfer.full()).isTrue();
    SpoolEvent restore = event("5a.json", payload("PkgAcct", "Restore", "{\"user\":\"dave\",\"extract_dir\":\"/x\"}"));
    assertThat(restore.users()).containsExactly("dave");
    assertThat(restore.restored()).containsExactly("dave");
    assertThat(event("5b.json", payload("Whostmgr", "Accounts::Create", "{\"user\":\"ed\",\"is_restore\":\"1\"}"))
        .restored()).containsExactly("ed");
    assertThat(event("5c.json", payload("Whostmgr", "Accounts::Create", "{\"user\":\"fy\",\"is_restore\":0}"))
        .restored()).isEmpty();
    assertThat(rename.restored()).isEmpty();
    SpoolEvent badUser = event("6.json", payload("Whostmgr", "Accounts::Remove", "{\"user\":\"../etc\"}"));
    assertThat(badUser.full()).isTrue();
    assertThat(badUser.users()).isEmpty();
    assertThat(spool.list()).hasSize(10);
  }

  @Test
  void unreadableFile_movesToBad_andDeleteRemovesAccepted() throws Exception {
    assertThat(event("a.json", "{\"context\":")).isNull();
    assertThat(event("b.json", "[1,2]")).isNull();
    assertThat(Files.exists(dir.resolve("bad").resolve("a.json"))).isTrue();
    assertThat(spool.list()).isEmpty();
    event("c.json", payload("Whostmgr", "Accounts::Create", "{\"user\":\"x\"}"));
    spool.delete(Set.of("c.json"));
    assertThat(spool.list()).isEqualTo(List.of());
  }

  @Test
  void removeAbandoned_deletesOnlyOldFilesInTmp() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    Path old = Files.writeString(dir.resolve("tmp").resolve("1.1.json"), "{\"context\":");
    Path fresh = Files.writeString(dir.resolve("tmp").resolve("2.2.json"), "{}");
    Path waiting = Files.writeString(dir.resolve("new").resolve("3.3.json"), "{}");
    Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(7200)));
    Files.setLastModifiedTime(fresh, FileTime.from(now.minusSeconds(60)));
    Files.setLastModifiedTime(waiting, FileTime.from(now.minusSeconds(7200)));
    Files.createDirectory(dir.resolve("tmp").resolve("a-directory"));
    Files.setLastModifiedTime(dir.resolve("tmp").resolve("a-directory"),
        FileTime.from(now.minusSeconds(7200)));

    assertThat(spool.removeAbandoned(now.minusSeconds(3600))).isEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
    assertThat(waiting).as("new/ is never cleaned by age").exists();
    assertThat(dir.resolve("tmp").resolve("a-directory")).exists();
    assertThat(new Spool(dir.resolve("missing")).removeAbandoned(now)).isZero();
  }
}
