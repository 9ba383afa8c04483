package io.cphub.proxy.route;

import java.util.function.BiConsumer;

/**
 * An immutable hash array mapped trie from String keys to values. {@link #put} and {@link #remove}
 * return a new map that shares every untouched node with this one, so one change copies a handful
 * of small arrays instead of the whole map. {@link #get} never allocates and never locks. All fields
 * are final: instances are safe to share between threads once published.
 */
final class TrieMap<V> {
  private static final TrieMap<Object> EMPTY = new TrieMap<>(TrieNode.Bitmap.EMPTY, 0);

  private final TrieNode root;
  private final int size;

  private TrieMap(TrieNode root, int size) {
    this.root = root;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <V> TrieMap<V> empty() {
    return (TrieMap<V>) EMPTY;
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(String key) {
    return (V) root.find(key, key.hashCode(), 0);
  }

  TrieMap<V> put(String key, V value) {
    boolean[] added = new boolean[1];
    TrieNode n = root.put(key, key.hashCode(), 0, value, added);
    return n == root ? this : new TrieMap<>(n, added[0] ? size + 1 : size);
  }

  TrieMap<V> remove(String key) {
    TrieNode n = root.remove(key, key.hashCode(), 0);
    if (n == root) {
      return this;
    }
    return new TrieMap<>(n == null ? TrieNode.Bitmap.EMPTY : n, size - 1);
  }

  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<String, V> action) {
    root.forEach((BiConsumer<String, Object>) action);
  }
}
