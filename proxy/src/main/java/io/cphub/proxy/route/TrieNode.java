package io.cphub.proxy.route;

import java.util.function.BiConsumer;

/**
 * The nodes of {@link TrieMap}: bitmap-indexed nodes (slots 2i/2i+1 hold key/value, or null/sub-node)
 * and collision nodes for keys with equal 32-bit hashes. Immutable; every update copies.
 */
abstract class TrieNode {
  abstract Object find(String key, int hash, int shift);

  abstract TrieNode put(String key, int hash, int shift, Object value, boolean[] added);

  /** The node without {@code key}: this if absent, null if it became empty. */
  abstract TrieNode remove(String key, int hash, int shift);

  abstract void forEach(BiConsumer<String, Object> action);

  /** The only key when this node holds exactly one entry and no sub-node, else null. */
  abstract String singleKey();

  abstract Object singleValue();

  /** Slots 2i/2i+1 hold key/value, or null/sub-node. */
  static final class Bitmap extends TrieNode {
    static final Bitmap EMPTY = new Bitmap(0, new Object[0]);
    final int bitmap;
    final Object[] array;

    Bitmap(int bitmap, Object[] array) {
      this.bitmap = bitmap;
      this.array = array;
    }

    @Override
    Object find(String key, int hash, int shift) {
      int bit = 1 << ((hash >>> shift) & 31);
      if ((bitmap & bit) == 0) {
        return null;
      }
      int i = 2 * Integer.bitCount(bitmap & (bit - 1));
      Object k = array[i];
      if (k == null) {
        return ((TrieNode) array[i + 1]).find(key, hash, shift + 5);
      }
      return key.equals(k) ? array[i + 1] : null;
    }

    @Override
    TrieNode put(String key, int hash, int shift, Object value, boolean[] added) {
      int bit = 1 << ((hash >>> shift) & 31);
      int i = 2 * Integer.bitCount(bitmap & (bit - 1));
      if ((bitmap & bit) == 0) {
        Object[] a = new Object[array.length + 2];
        System.arraycopy(array, 0, a, 0, i);
        a[i] = key;
        a[i + 1] = value;
        System.arraycopy(array, i, a, i + 2, array.length - i);
        added[0] = true;
        return new Bitmap(bitmap | bit, a);
      }
      Object k = array[i];
      Object v = array[i + 1];
      if (k == null) {
        TrieNode sub = (TrieNode) v;
        TrieNode n = sub.put(key, hash, shift + 5, value, added);
        return n == sub ? this : with(i + 1, null, n, false);
      }
      if (key.equals(k)) {
        return v.equals(value) ? this : with(i + 1, null, value, false);
      }
      added[0] = true;
      TrieNode pair = pair(shift + 5, (String) k, v, key, hash, value);
      return with(i, null, pair, true);
    }

    @Override
    TrieNode remove(String key, int hash, int shift) {
      int bit = 1 << ((hash >>> shift) & 31);
      if ((bitmap & bit) == 0) {
        return this;
      }
      int i = 2 * Integer.bitCount(bitmap & (bit - 1));
      Object k = array[i];
      if (k == null) {
        TrieNode sub = (TrieNode) array[i + 1];
        TrieNode n = sub.remove(key, hash, shift + 5);
        if (n == sub) {
          return this;
        }
        if (n == null) {
          return without(bit, i);
        }
        String only = n.singleKey();
        return only != null ? with(i, only, n.singleValue(), true) : with(i + 1, null, n, false);
      }
      if (!key.equals(k)) {
        return this;
      }
      return bitmap == bit ? null : without(bit, i);
    }

    private TrieNode with(int index, String key, Object value, boolean pairSlot) {
      Object[] a = array.clone();
      if (pairSlot) {
        a[index] = key;
        a[index + 1] = value;
      } else {
        a[index] = value;
      }
      return new Bitmap(bitmap, a);
    }

    private TrieNode without(int bit, int i) {
      Object[] a = new Object[array.length - 2];
      System.arraycopy(array, 0, a, 0, i);
      System.arraycopy(array, i + 2, a, i, array.length - i - 2);
      return new Bitmap(bitmap & ~bit, a);
    }

    @Override
    void forEach(BiConsumer<String, Object> action) {
      for (int i = 0; i < array.length; i += 2) {
        if (array[i] == null) {
          ((TrieNode) array[i + 1]).forEach(action);
        } else {
          action.accept((String) array[i], array[i + 1]);
        }
      }
    }

    @Override
    String singleKey() {
      return array.length == 2 && array[0] != null ? (String) array[0] : null;
    }

    @Override
    Object singleValue() {
      return array[1];
    }
  }

  /** Keys whose full 32-bit hashes are equal, as key/value pairs. */
  static final class Collision extends TrieNode {
    final int hash;
    final Object[] array;

    Collision(int hash, Object[] array) {
      this.hash = hash;
      this.array = array;
    }

    @Override
    Object find(String key, int hash, int shift) {
      for (int i = 0; i < array.length; i += 2) {
        if (key.equals(array[i])) {
          return array[i + 1];
        }
      }
      return null;
    }

    @Override
    TrieNode put(String key, int hash, int shift, Object value, boolean[] added) {
      if (hash != this.hash) {
        Bitmap wrap = new Bitmap(1 << ((this.hash >>> shift) & 31), new Object[] {null, this});
        return wrap.put(key, hash, shift, value, added);
      }
      for (int i = 0; i < array.length; i += 2) {
        if (key.equals(array[i])) {
          if (array[i + 1].equals(value)) {
            return this;
          }
          Object[] a = array.clone();
          a[i + 1] = value;
          return new Collision(hash, a);
        }
      }
      Object[] a = java.util.Arrays.copyOf(array, array.length + 2);
      a[array.length] = key;
      a[array.length + 1] = value;
      added[0] = true;
      return new Collision(hash, a);
    }

    @Override
    TrieNode remove(String key, int hash, int shift) {
      for (int i = 0; i < array.length; i += 2) {
        if (key.equals(array[i])) {
          if (array.length == 2) {
            return null;
          }
          Object[] a = new Object[array.length - 2];
          System.arraycopy(array, 0, a, 0, i);
          System.arraycopy(array, i + 2, a, i, array.length - i - 2);
          return new Collision(hash, a);
        }
      }
      return this;
    }

    @Override
    void forEach(BiConsumer<String, Object> action) {
      for (int i = 0; i < array.length; i += 2) {
        action.accept((String) array[i], array[i + 1]);
      }
    }

    @Override
    String singleKey() {
      return array.length == 2 ? (String) array[0] : null;
    }

    @Override
    Object singleValue() {
      return array[1];
    }
  }

  static TrieNode pair(int shift, String k1, Object v1, String k2, int h2, Object v2) {
    int h1 = k1.hashCode();
    if (h1 == h2) {
      return new Collision(h1, new Object[] {k1, v1, k2, v2});
    }
    int b1 = (h1 >>> shift) & 31;
    int b2 = (h2 >>> shift) & 31;
    if (b1 == b2) {
      return new Bitmap(1 << b1, new Object[] {null, pair(shift + 5, k1, v1, k2, h2, v2)});
    }
    Object[] a = b1 < b2 ? new Object[] {k1, v1, k2, v2} : new Object[] {k2, v2, k1, v1};
    return new Bitmap((1 << b1) | (1 << b2), a);
  }
}
