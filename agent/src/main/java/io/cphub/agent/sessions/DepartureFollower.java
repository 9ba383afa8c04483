package io.cphub.agent.sessions;

import io.cphub.agent.AgentException;
import io.cphub.agent.push.RegistryClient;
import io.cphub.agent.push.RegistryRefusedException;
import io.cphub.model.wire.Departures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows this server's departures in the registry ({@code GET /v1/servers/{s}/departures}) every
 * {@code sessions.poll-ms} and kicks the logins that moved. The cursor (the last version handled)
 * lives in a file and is written after each page's kicks, so a restart neither repeats a kick nor
 * misses a move made while the agent was down; a first start begins at the feed head. A cursor
 * the registry refuses (ahead of its head after a restore, or older than its pruned change log),
 * or one saved under another feed identity than the registry names now (its database has a new
 * history: a failover or a restore, where versions may be reused), is logged at WARN and the
 * follower starts again from the head. Registry trouble is logged once
 * per outage and retried on the next poll. One thread runs {@link #run}; {@link #close} ends it.
 */
public final class DepartureFollower implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DepartureFollower.class);
  private final RegistryClient registry;
  private final Kicker kicker;
  private final CursorFile cursor;
  private final KickCounter counter;
  private final Duration poll;
  private final CountDownLatch closed = new CountDownLatch(1);
  private Long at;
  private String identity;
  private String trouble;

  /** The follower of {@code settings}, kicking through {@code whm} and the configured doveadm (command or kick socket), counting into {@code counter}. */
  public static DepartureFollower create(RegistryClient registry, io.cphub.agent.whm.WhmClient whm,
      SessionSettings settings, KickCounter counter) {
    KickPace pace = new KickPace(settings.maxKicksPerSecond(), System::nanoTime, d -> Thread.sleep(d.toMillis(),
        d.toNanosPart() % 1_000_000));
    return new DepartureFollower(registry, new Kicker(whm, Doveadm.of(settings), pace, counter,
        settings.kick()), new CursorFile(settings.cursorFile()), counter, settings.poll());
  }

  DepartureFollower(RegistryClient registry, Kicker kicker, CursorFile cursor, KickCounter counter, Duration poll) {
    this.registry = registry;
    this.kicker = kicker;
    this.cursor = cursor;
    this.counter = counter;
    this.poll = poll;
  }

  @Override
  public void run() {
    LOG.info("following this server's departures every {} ms", poll.toMillis());
    try {
      while (closed.getCount() > 0) {
        boolean more = pollOnce();
        if (!more && closed.await(poll.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One request and its kicks; true when the registry has more departures right away. */
  boolean pollOnce() throws InterruptedException {
    try {
      if (at == null) {
        CursorFile.Saved saved = saved();
        if (saved == null) {
          Departures head = registry.departures(null);
          at = head.version();
          identity = head.feedIdentity();
          cursor.write(at, identity);
          LOG.info("departures: first start, following from feed version {}", at);
        } else {
          at = saved.version();
          identity = saved.identity();
        }
      }
      Departures page = registry.departures(at);
      if (trouble != null) {
        LOG.info("departures: the registry answers again");
        trouble = null;
      }
      if (identity != null && page.feedIdentity() != null && !identity.equals(page.feedIdentity())) {
        LOG.warn("departures: cursor {} belongs to feed identity {}, the registry's database now holds {} (failover"
            + " or restore); following from its head, moves in between are not kicked", at, identity,
            page.feedIdentity());
        at = null;
        identity = null;
        cursor.delete();
        return true;
      }
      boolean named = identity == null && page.feedIdentity() != null;
      identity = page.feedIdentity() != null ? page.feedIdentity() : identity;
      counter.departures(page.departures().size());
      List<Kick> kicks = KickPlan.of(page.departures());
      for (Kick k : kicks) {
        kicker.kick(k);
      }
      if (page.version() != at || named) {
        at = page.version();
        cursor.write(at, identity);
      }
      return page.more();
    } catch (RegistryRefusedException e) {
      if (e.error() != null && e.error().startsWith("cursor_")) {
        LOG.warn("departures: the registry refused cursor {} ({}); following from its head, moves in between are"
            + " not kicked", at, e.getMessage());
        at = null;
        identity = null;
        cursor.delete();
        return true;
      }
      troubled(e);
    } catch (AgentException e) {
      troubled(e);
    }
    return false;
  }

  private CursorFile.Saved saved() {
    try {
      return cursor.read();
    } catch (AgentException e) {
      LOG.warn("departures: {}; following from the feed head", e.getMessage());
      return null;
    }
  }

  private void troubled(RuntimeException e) {
    if (trouble == null) {
      LOG.warn("departures: {}; retrying every {} ms", e.getMessage(), poll.toMillis());
    }
    trouble = e.getMessage();
  }

  /** The last version handled, or null before the first answer. */
  Long cursor() {
    return at;
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
