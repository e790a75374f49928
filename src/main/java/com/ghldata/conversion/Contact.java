package com.ghldata.conversion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One normalized contact: a value per {@link GhlColumn}, "" when blank. List columns (tags, additional
 * emails and phones) hold their joined form, exactly as written to the CSV.
 */
final class Contact {
  static final String LIST_SEPARATOR = ", ";
  private static final int COLUMNS = GhlColumn.ALL.size();

  static {
    if (COLUMNS > Long.SIZE) {
      throw new AssertionError("the filled-column mask holds 64 columns");
    }
  }

  final String[] values;
  final int rowNumber;
  /** Region of the primary phone (BR, US ...), "" when there is none. */
  String phoneRegion;
  /** This contact packed, once asked for (after normalizing); cleared by set and mergeFrom. */
  private byte[] packed;
  /** A bit per column (its ordinal) that holds a value. */
  private long filled;

  Contact(int rowNumber) {
    this(rowNumber, blanks(), "");
  }

  private static String[] blanks() {
    String[] values = new String[COLUMNS];
    java.util.Arrays.fill(values, "");
    return values;
  }

  Contact(int rowNumber, String[] values, String phoneRegion) {
    this.rowNumber = rowNumber;
    this.values = values;
    this.phoneRegion = phoneRegion;
    for (int i = 0; i < values.length; i++) {
      if (!values[i].isEmpty()) {
        filled |= 1L << i;
      }
    }
  }

  String get(GhlColumn column) {
    return values[column.ordinal()];
  }

  void set(GhlColumn column, String value) {
    int i = column.ordinal();
    if (value == null || value.isEmpty()) {
      values[i] = "";
      filled &= ~(1L << i);
    } else {
      values[i] = value;
      filled |= 1L << i;
    }
    packed = null;
  }

  /** The columns holding a value, a bit per ordinal. */
  long filledColumns() {
    return filled;
  }

  /** The {@link PackedContact} form, encoded once until the next change. */
  byte[] packed() {
    if (packed == null) {
      packed = PackedContact.pack(this);
    }
    return packed;
  }

  boolean has(GhlColumn column) {
    return (filled & (1L << column.ordinal())) != 0;
  }

  /**
   * Folds a later duplicate into this contact: this one wins, its blanks are filled from the
   * duplicate, tags are unioned, the duplicate's other emails and phones become additional ones.
   */
  void mergeFrom(Contact dup) {
    packed = null;
    for (GhlColumn c : GhlColumn.ALL) {
      switch (c) {
        case EMAIL, PHONE, TAGS, ADDITIONAL_EMAILS, ADDITIONAL_PHONES -> { }
        default -> {
          if (!has(c)) {
            set(c, dup.get(c));
          }
        }
      }
    }
    if (!has(GhlColumn.PHONE) && dup.has(GhlColumn.PHONE)) {
      phoneRegion = dup.phoneRegion;
    }
    mergeList(GhlColumn.EMAIL, GhlColumn.ADDITIONAL_EMAILS, dup);
    mergeList(GhlColumn.PHONE, GhlColumn.ADDITIONAL_PHONES, dup);
    Set<String> tags = new LinkedHashSet<>(split(get(GhlColumn.TAGS)));
    tags.addAll(split(dup.get(GhlColumn.TAGS)));
    set(GhlColumn.TAGS, String.join(LIST_SEPARATOR, tags));
  }

  private void mergeList(GhlColumn primary, GhlColumn additional, Contact dup) {
    Set<String> all = new LinkedHashSet<>();
    if (has(primary)) {
      all.add(get(primary));
    }
    all.addAll(split(get(additional)));
    if (dup.has(primary)) {
      all.add(dup.get(primary));
    }
    all.addAll(split(dup.get(additional)));
    List<String> ordered = new ArrayList<>(all);
    set(primary, ordered.isEmpty() ? "" : ordered.get(0));
    set(additional, ordered.size() <= 1 ? "" : String.join(LIST_SEPARATOR, ordered.subList(1, ordered.size())));
  }

  static List<String> split(String joined) {
    if (joined.isEmpty()) {
      return List.of();
    }
    // By hand: String.split compiles a regex for a two-character separator, on every call.
    List<String> parts = new ArrayList<>(4);
    int from = 0;
    for (int at = joined.indexOf(LIST_SEPARATOR); at >= 0; at = joined.indexOf(LIST_SEPARATOR, from)) {
      parts.add(joined.substring(from, at));
      from = at + LIST_SEPARATOR.length();
    }
    parts.add(joined.substring(from));
    // String.split drops trailing empty strings; keep its answer exactly.
    int n = parts.size();
    while (n > 0 && parts.get(n - 1).isEmpty()) {
      n--;
    }
    return n == parts.size() ? parts : parts.subList(0, n);
  }
}
