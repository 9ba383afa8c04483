package io.cphub.agent.sessions;

import io.cphub.agent.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code sessions.*} keys: {@code kick} (false: departures are followed and logged, nobody is
 * kicked), {@code doveadm} (the command, program and leading arguments, the fallback kicks run
 * with {@code kick <mask>}), {@code kickSocket} (null: the agent runs doveadm itself; else the
 * Unix-domain socket of the root helper {@code cphub-kick} each mask is sent to), {@code maxKicksPerSecond}, {@code poll} (how often the departures are
 * asked for) and {@code cursorFile} (the last feed version handled, kept across restarts).
 */
public record SessionSettings(boolean kick, List<String> doveadm, Path kickSocket, double maxKicksPerSecond,
    Duration poll, Path cursorFile) {
  public SessionSettings {
    doveadm = List.copyOf(doveadm);
    if (doveadm.isEmpty()) {
      throw new ConfigException("config key 'sessions.doveadm' is empty (e.g. sessions.doveadm=/usr/bin/doveadm)");
    }
    if (!(maxKicksPerSecond > 0 && maxKicksPerSecond <= 10_000)) {
      throw new ConfigException("config key 'sessions.max-kicks-per-second' must be > 0 and <= 10000, was "
          + maxKicksPerSecond);
    }
    if (poll.toMillis() < 50 || poll.toMillis() > 60_000) {
      throw new ConfigException("config key 'sessions.poll-ms' must be 50..60000, was " + poll.toMillis());
    }
  }
}
