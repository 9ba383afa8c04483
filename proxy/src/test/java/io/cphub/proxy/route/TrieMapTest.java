package io.cphub.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrieMapTest {
  @Test
  void randomPutsAndRemoves_matchHashMap_andOldVersionsStayUnchanged() {
    Random r = new Random(42);
    TrieMap<Integer> m = TrieMap.empty();
    Map<String, Integer> ref = new HashMap<>();
    TrieMap<Integer> snapshot = null;
    Map<String, Integer> snapshotRef = null;
    for (int i = 0; i < 200_000; i++) {
      String k = "d" + r.nextInt(20_000) + ".example";
      if (r.nextInt(3) == 0) {
        m = m.remove(k);
        ref.remove(k);
      } else {
        int v = r.nextInt(50);
        m = m.put(k, v);
        ref.put(k, v);
      }
      if (i == 100_000) {
        snapshot = m;
        snapshotRef = new HashMap<>(ref);
      }
    }
    assertThat(m.size()).isEqualTo(ref.size());
    Map<String, Integer> seen = new HashMap<>();
    m.forEach(seen::put);
    assertThat(seen).isEqualTo(ref);
    Map<String, Integer> old = new HashMap<>();
    snapshot.forEach(old::put);
    assertThat(old).isEqualTo(snapshotRef);
    assertThat(snapshot.size()).isEqualTo(snapshotRef.size());
  }

  @Test
  void collidingHashes_areKeptApart() {
    // "Aa" and "BB" have the same String hash code.
    TrieMap<Integer> m = TrieMap.<Integer>empty().put("Aa", 1).put("BB", 2).put("AaAa", 3).put("BBBB", 4)
        .put("AaBB", 5).put("x", 6);
    assertThat(m.get("Aa")).isEqualTo(1);
    assertThat(m.get("BB")).isEqualTo(2);
    assertThat(m.get("AaBB")).isEqualTo(5);
    TrieMap<Integer> n = m.remove("Aa").remove("AaAa");
    assertThat(n.get("Aa")).isNull();
    assertThat(n.get("BB")).isEqualTo(2);
    assertThat(n.get("BBBB")).isEqualTo(4);
    assertThat(n.size()).isEqualTo(4);
    assertThat(m.size()).isEqualTo(6);
    assertThat(n.remove("missing")).isSameAs(n);
    assertThat(n.put("BB", 2)).isSameAs(n);
  }
}
