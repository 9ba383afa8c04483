package io.cphub.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolWatcherTest {
  @TempDir Path dir;

  @Test
  void aHookFileRenamedIntoNew_wakesTheWaiter() throws Exception {
    Spool spool = new Spool(dir);
    spool.init();
    try (SpoolWatcher watcher = new SpoolWatcher(spool)) {
      assertThat(watcher.watching()).as("inotify on Linux").isTrue();
      assertThat(watcher.await(Duration.ofMillis(50))).as("nothing happened").isFalse();
      CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
        try {
          return watcher.await(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Path tmp = Files.writeString(dir.resolve("tmp/1.1.json"), "{}");
      Files.move(tmp, dir.resolve("new/1.1.json"), StandardCopyOption.ATOMIC_MOVE);
      assertThat(woken.get(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aSpoolThatCannotBeWatched_onlySleeps() throws Exception {
    try (SpoolWatcher watcher = new SpoolWatcher(new Spool(dir.resolve("missing")))) {
      assertThat(watcher.watching()).isFalse();
      assertThat(watcher.await(Duration.ofMillis(20))).isFalse();
    }
  }
}
