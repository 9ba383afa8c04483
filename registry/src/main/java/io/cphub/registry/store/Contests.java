package io.cphub.registry.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the {@code contest} table and its count in step with the winner rule's verdicts, inside
 * the feed writer's transaction (under the head lock, so counts never race). A key whose verdict
 * has no contest loses its row; one with a contest gets or keeps its row. Stateless.
 */
final class Contests {
  private Contests() {}

  /** Writes what changed for {@code verdicts} of {@code kind}; returns the change in the count. */
  static long sync(Handle h, String kind, List<WinnerRule.Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return 0;
    }
    ContestDao dao = h.attach(ContestDao.class);
    String[] keys = verdicts.stream().map(WinnerRule.Verdict::key).toArray(String[]::new);
    Map<String, ContestRow> open = new HashMap<>();
    for (ContestRow r : dao.rows(kind, keys)) {
      open.put(r.key(), r);
    }
    List<String> closed = new ArrayList<>();
    List<String> opened = new ArrayList<>();
    List<String> sinces = new ArrayList<>();
    long delta = 0;
    for (WinnerRule.Verdict v : verdicts) {
      ContestRow was = open.get(v.key());
      if (v.contestSince() == null) {
        if (was != null) {
          closed.add(v.key());
          delta--;
        }
      } else if (was == null || !was.since().equals(v.contestSince())) {
        opened.add(v.key());
        sinces.add(v.contestSince().toString());
        delta += was == null ? 1 : 0;
      }
    }
    if (!closed.isEmpty()) {
      dao.delete(kind, closed.toArray(String[]::new));
    }
    if (!opened.isEmpty()) {
      dao.upsert(kind, opened.toArray(String[]::new), sinces.toArray(String[]::new));
    }
    if (delta != 0) {
      dao.adjustCount(delta);
    }
    return delta;
  }
}
