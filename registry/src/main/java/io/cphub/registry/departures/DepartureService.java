package io.cphub.registry.departures;

import io.cphub.model.wire.Departure;
import io.cphub.model.wire.Departures;
import io.cphub.registry.ConflictException;
import io.cphub.registry.InvalidInputException;
import io.cphub.registry.NotFoundException;
import io.cphub.registry.store.FeedDao;
import io.cphub.registry.store.ServerDao;
import io.cphub.registry.store.ServerRow;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Answers a server's departures after a cursor (a feed version). Without a cursor the answer is
 * the feed head and nothing else, so a new reader starts from now. A cursor ahead of the head (a
 * database restored to an older state) or older than the oldest change the log still holds (it
 * was pruned) is refused with {@code cursor_ahead} / {@code cursor_expired}: the answer could not
 * be exact, and the reader decides (the agent starts again from the head, and says so). The head
 * is read first and the page stops at it, so a page holds only whole, committed writes. Every
 * answer names the feed identity: versions of another history mean nothing to a cursor.
 * Stateless and thread-safe.
 */
public final class DepartureService {
  /** The most departures in one answer; the reader asks again with {@code more}. */
  public static final int PAGE = 1000;
  private final Jdbi jdbi;

  public DepartureService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Departures of {@code server} after {@code rawAfter} (null: start at the head). */
  public Departures after(String server, String rawAfter) {
    Long after = cursor(rawAfter);
    return jdbi.withHandle(h -> {
      ServerRow row = h.attach(ServerDao.class).byName(server)
          .orElseThrow(() -> new NotFoundException("no_server", "no server named " + server));
      FeedDao feed = h.attach(FeedDao.class);
      long head = feed.version();
      String identity = feed.identity();
      if (after == null) {
        return new Departures(head, false, List.of(), identity);
      }
      if (after > head) {
        throw new ConflictException("cursor_ahead", "cursor " + after + " is ahead of the feed head " + head
            + " (was the database restored?); start again from the head");
      }
      DepartureDao dao = h.attach(DepartureDao.class);
      if (after < head) {
        Long oldest = dao.oldestVersion();
        if (oldest == null || oldest > after + 1) {
          throw new ConflictException("cursor_expired", "the change log no longer holds the changes after " + after
              + " (oldest kept: " + oldest + ", head " + head + "); start again from the head");
        }
      }
      List<Departure> page = dao.after(row.id(), after, head, PAGE + 1);
      if (page.size() > PAGE) {
        List<Departure> first = page.subList(0, PAGE);
        return new Departures(first.get(PAGE - 1).version(), true, first, identity);
      }
      return new Departures(head, false, page, identity);
    });
  }

  private static Long cursor(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      long v = Long.parseLong(raw);
      if (v < 0) {
        throw new InvalidInputException("invalid_cursor", "after must be a feed version >= 0, was " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid_cursor", "after must be a feed version (a whole number)");
    }
  }
}
