package com.ghldata.engine.normalize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Items in the order they come, each key once: a row's phones (by E.164 number), a merged contact's
 * emails or tags. A few are checked by a scan; past {@value #SCANNED} a set takes over, so a hostile
 * cell of thousands of numbers, or a contact repeated on thousands of rows, costs linear time, not
 * quadratic.
 */
public final class Distinct<T> {
  static final int SCANNED = 8;

  private final Function<T, ?> key;
  private final List<T> items = new ArrayList<>(4);
  /** The keys of {@code items}, once there are more than SCANNED of them. */
  private Set<Object> seen;

  /** @param key what makes two items the same */
  public Distinct(Function<T, ?> key) {
    this.key = key;
  }

  /** Phones, one per number. */
  public static Distinct<Phone> phones() {
    return new Distinct<>(Phone::e164);
  }

  /** Strings, each once. */
  public static Distinct<String> strings() {
    return new Distinct<>(Function.identity());
  }

  /** Adds the item unless its key is already here; answers whether it was added. */
  public boolean add(T item) {
    Object k = key.apply(item);
    if (seen != null) {
      if (!seen.add(k)) {
        return false;
      }
    } else {
      for (T t : items) {
        if (key.apply(t).equals(k)) {
          return false;
        }
      }
      if (items.size() == SCANNED) {
        seen = new HashSet<>();
        items.forEach(t -> seen.add(key.apply(t)));
        seen.add(k);
      }
    }
    items.add(item);
    return true;
  }

  /** Adds each item in order, as {@link #add} does. */
  public void addAll(List<T> more) {
    for (T t : more) {
      add(t);
    }
  }

  /** The items in order: the list itself, which may be reordered but not added to. */
  public List<T> list() {
    return items;
  }
}
