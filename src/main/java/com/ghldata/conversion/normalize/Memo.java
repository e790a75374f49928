package com.ghldata.conversion.normalize;

import java.util.function.Function;

/**
 * Remembers a pure function's answers for the cells seen last: a direct-mapped cache of a few hundred
 * entries. Meant for columns that repeat a handful of values over a whole file (country, tags), where
 * a lookup costs a hash and an equals instead of the normalizing. Longer cells are not remembered, so
 * the memory stays small and a file of all-different cells only pays the hash. Safe to share between
 * threads: an entry is immutable, and a thread that does not see another's entry computes it again.
 */
public final class Memo<V> {
  private static final int SIZE = 256;
  private static final int MAX_KEY_LENGTH = 64;

  private record Entry<V>(String key, V value) {}

  private final Function<String, V> function;
  @SuppressWarnings("unchecked")
  private final Entry<V>[] entries = new Entry[SIZE];

  public Memo(Function<String, V> function) {
    this.function = function;
  }

  /** The function's answer for {@code key}. */
  public V get(String key) {
    if (key.length() > MAX_KEY_LENGTH) {
      return function.apply(key);
    }
    int h = key.hashCode();
    int i = (h ^ (h >>> 16)) & (SIZE - 1);
    Entry<V> e = entries[i];
    if (e != null && e.key.equals(key)) {
      return e.value;
    }
    V value = function.apply(key);
    entries[i] = new Entry<>(key, value);
    return value;
  }
}
