package io.cphub.agent.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.agent.config.ConfigException;
import io.cphub.agent.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sessions.*} keys: defaults, the doveadm command split into words, refusals naming the key. */
class SessionSettingsTest {
  @TempDir Path tmp;

  SessionSettings load(String... lines) throws Exception {
    Path f = tmp.resolve("agent.properties");
    Files.write(f, List.of(lines));
    return ConfigLoader.load(f, Map.of("CPHUB_SERVER_NAME", "s1.hoster.test", "CPHUB_REGISTRY_URL", "http://127.0.0.1:1",
        "CPHUB_REGISTRY_TOKEN", "t", "CPHUB_WHM_TOKEN", "w")).sessions();
  }

  @Test
  void defaults_andACommandWithArguments() throws Exception {
    SessionSettings d = load();
    assertThat(d.kick()).isTrue();
    assertThat(d.doveadm()).containsExactly("/usr/bin/doveadm");
    assertThat(d.maxKicksPerSecond()).isEqualTo(20.0);
    assertThat(d.poll()).isEqualTo(Duration.ofMillis(500));
    assertThat(d.kickSocket()).isNull();
    assertThat(Doveadm.of(d)).isInstanceOf(DoveadmCommand.class);
    SessionSettings s = load("sessions.kick=false", "sessions.doveadm=  doveadm   -c /etc/dovecot/x.conf ",
        "sessions.max-kicks-per-second=0.5", "sessions.kick-socket= /run/cphub-agent-kick.sock ");
    assertThat(s.kickSocket()).isEqualTo(Path.of("/run/cphub-agent-kick.sock"));
    assertThat(Doveadm.of(s)).isInstanceOf(KickSocket.class);
    assertThat(s.kick()).isFalse();
    assertThat(s.doveadm()).containsExactly("doveadm", "-c", "/etc/dovecot/x.conf");
    assertThat(s.maxKicksPerSecond()).isEqualTo(0.5);
  }

  @Test
  void badValues_areRefusedNamingTheKey() {
    for (String[] bad : List.of(new String[] {"sessions.max-kicks-per-second=0", "sessions.max-kicks-per-second"},
        new String[] {"sessions.max-kicks-per-second=-3", "sessions.max-kicks-per-second"},
        new String[] {"sessions.poll-ms=10", "sessions.poll-ms"},
        new String[] {"sessions.kick=maybe", "sessions.kick"})) {
      assertThatThrownBy(() -> load(bad[0])).as(bad[0]).isInstanceOf(ConfigException.class).hasMessageContaining(bad[1]);
    }
  }

  @Test
  void pace_spacesCallsByTheRate_andNeverWaitsForTheFirst() throws Exception {
    long[] now = {0};
    List<Duration> slept = new java.util.ArrayList<>();
    KickPace p = new KickPace(4, () -> now[0], d -> {
      slept.add(d);
      now[0] += d.toNanos();
    });
    p.await();
    p.await();
    now[0] += 1_000_000_000L;
    p.await();
    p.await();
    assertThat(slept).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }
}
