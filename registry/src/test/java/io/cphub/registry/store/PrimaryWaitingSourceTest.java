package io.cphub.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.testkit.MutableClock;
import io.cphub.testkit.PostgresExtension;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pool's connection source: waits out a missing primary, never a wrong password. Fake clock. */
class PrimaryWaitingSourceTest {
  @RegisterExtension
  static final PostgresExtension PG = new PostgresExtension();

  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Duration> pauses = new ArrayList<>();
  private final List<Properties> attempts = new ArrayList<>();

  private PrimaryWaitingSource source(PrimaryWaitingSource.Connector connector) {
    return new PrimaryWaitingSource(p -> {
      attempts.add(p);
      return connector.connect(p);
    }, Map.of("ApplicationName", "cphub-test"), INTERVAL, PATIENCE, clock, d -> {
      pauses.add(d);
      clock.advance(d);
    });
  }

  private static Connection real() throws SQLException {
    return PG.db().connect();
  }

  @Test
  void noPrimaryYet_isTriedAgainEveryInterval_untilOneTakesTheConnection() throws Exception {
    PrimaryWaitingSource source = source(p -> {
      if (attempts.size() <= 3) {
        throw new SQLException("Could not find a server with specified targetServerType: primary", "08001");
      }
      return real();
    });
    try (Connection c = source.getConnection("cphub", "secret"); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
    }
    assertThat(attempts).hasSize(4);
    assertThat(pauses).containsExactly(INTERVAL, INTERVAL, INTERVAL);
    assertThat(attempts.get(0)).containsEntry("user", "cphub").containsEntry("password", "secret")
        .containsEntry("ApplicationName", "cphub-test");
  }

  @Test
  void startingUp57P03_isWaitedOutToo() throws Exception {
    PrimaryWaitingSource source = source(p -> {
      if (attempts.size() == 1) {
        throw new SQLException("the database system is starting up", "57P03");
      }
      return real();
    });
    source.getConnection().close();
    assertThat(attempts).hasSize(2);
  }

  @Test
  void wrongPassword_failsAtOnce() {
    PrimaryWaitingSource source = source(p -> {
      throw new SQLException("password authentication failed for user \"cphub\"", "28P01");
    });
    assertThatThrownBy(() -> source.getConnection("cphub", "wrong")).isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
    assertThat(attempts).hasSize(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void noPrimaryForThePatience_failsWithTheLastError() {
    PrimaryWaitingSource source = source(p -> {
      throw new SQLException("Connection refused, attempt " + attempts.size(), "08001");
    });
    assertThatThrownBy(source::getConnection).isInstanceOf(SQLException.class)
        .hasMessageContaining("attempt " + attempts.size());
    // tries at 0, 0.25 s, ... while another pause still ends before the deadline: 40 attempts in 10 s
    assertThat(attempts).hasSize(40);
    assertThat(pauses.stream().mapToLong(Duration::toMillis).sum()).isLessThan(PATIENCE.toMillis());
  }

  @Test
  void interruptedWhileWaiting_stopsAndKeepsTheInterrupt() {
    PrimaryWaitingSource source = new PrimaryWaitingSource(p -> {
      throw new SQLException("Connection refused", "08001");
    }, Map.of(), INTERVAL, PATIENCE, clock, d -> {
      throw new InterruptedException();
    });
    try {
      assertThatThrownBy(source::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void driver_onAClosedPort_keepsTryingThenFails_onTheRealDatabase_connects() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    PrimaryWaitingSource dead = PrimaryWaitingSource.driver("jdbc:postgresql://127.0.0.1:" + closed + "/x",
        Database.URL_DEFAULTS, Duration.ofMillis(100), Duration.ofMillis(500));
    long start = System.nanoTime();
    assertThatThrownBy(() -> dead.getConnection("u", "p")).isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState()).asString().startsWith("08");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

    PrimaryWaitingSource live = PrimaryWaitingSource.driver(PG.db().url(), Database.URL_DEFAULTS, INTERVAL, PATIENCE);
    try (Connection c = live.getConnection(PG.db().user(), PG.db().password());
        ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("cphub-registry");
    }
  }
}
