package com.ghldata.engine;

import com.ghldata.engine.normalize.Distinct;
import java.util.ArrayList;
import java.util.List;

/**
 * One normalized contact: a value per {@link GhlColumn}, "" when blank. List columns (tags, additional
 * emails and phones) hold their joined form, exactly as written to the CSV.
 */
public final class Contact {
  static final String LIST_SEPARATOR = ", ";
  private static final int COLUMNS = GhlColumn.ALL.size();
  /** The columns merged as lists, not filled when blank. */
  private static final long LIST_COLUMNS = mask(GhlColumn.EMAIL, GhlColumn.PHONE, GhlColumn.TAGS,
      GhlColumn.ADDITIONAL_EMAILS, GhlColumn.ADDITIONAL_PHONES);

  static {
    if (COLUMNS > Long.SIZE) {
      throw new AssertionError("the filled-column mask holds 64 columns");
    }
  }

  private final String[] values;
  final int rowNumber;
  /** Region of the primary phone (BR, US ...), "" when there is none. */
  String phoneRegion;
  /** This contact packed, once asked for (after normalizing); cleared by set and mergeFrom. */
  private byte[] packed;
  /** A bit per column (its ordinal) that holds a value. */
  private long filled;
  /** The lists (emails, phones, tags) merging has grown, by index; null until the first. */
  private Gathered[] gathered;

  private static long mask(GhlColumn... columns) {
    long m = 0;
    for (GhlColumn c : columns) {
      m |= 1L << c.ordinal();
    }
    return m;
  }

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

  public String get(GhlColumn column) {
    if (gathered != null) {
      settle();
    }
    return values[column.ordinal()];
  }

  /** The value of every column, by ordinal; not to be changed. */
  String[] values() {
    if (gathered != null) {
      settle();
    }
    return values;
  }

  void set(GhlColumn column, String value) {
    int i = column.ordinal();
    if (gathered != null) {
      settle();
      for (int k = 0; k < gathered.length; k++) {
        if (gathered[k] != null && (gathered[k].primary == column || gathered[k].rest == column)) {
          gathered[k] = null;
        }
      }
    }
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
      if (gathered != null) {
        // Packed once it is spooled or drained, and dropped after: the gathered lists (a hash per
        // value) are let go before the bytes are made. A later merge would rebuild them from the columns.
        settle();
        gathered = null;
      }
      packed = PackedContact.pack(this);
    }
    return packed;
  }

  public boolean has(GhlColumn column) {
    return (filled & (1L << column.ordinal())) != 0;
  }

  /**
   * Folds a later duplicate into this contact: this one wins, its blanks are filled from the
   * duplicate, tags are unioned, the duplicate's other emails and phones become additional ones.
   * List columns hold each value once (the normalizer writes them so, and merging keeps it so), which
   * lets the usual duplicate, one repeating what this contact already holds, change nothing here.
   * A list that does grow is gathered value by value and joined once read, so a contact repeated on
   * a hundred thousand rows with a new phone or tag on each costs linear time, not quadratic.
   */
  void mergeFrom(Contact dup) {
    long blanks = dup.filled & ~filled & ~LIST_COLUMNS;
    for (int i = 0; blanks != 0; i++, blanks >>>= 1) {
      if ((blanks & 1) != 0) {
        values[i] = dup.values[i];
        filled |= 1L << i;
        packed = null;
      }
    }
    if (!has(GhlColumn.PHONE) && dup.has(GhlColumn.PHONE)) {
      phoneRegion = dup.phoneRegion;
    }
    mergeList(0, GhlColumn.EMAIL, GhlColumn.ADDITIONAL_EMAILS, dup);
    mergeList(1, GhlColumn.PHONE, GhlColumn.ADDITIONAL_PHONES, dup);
    mergeList(2, null, GhlColumn.TAGS, dup);
  }

  /**
   * Adds the duplicate's values of one list (its primary column, if any, then the rest) after this
   * contact's own.
   */
  private void mergeList(int list, GhlColumn primary, GhlColumn rest, Contact dup) {
    String dupFirst = primary == null ? "" : dup.get(primary);
    String dupRest = dup.get(rest);
    if (dupFirst.isEmpty() && dupRest.isEmpty()) {
      return;
    }
    Gathered g = gathered == null ? null : gathered[list];
    if (g == null) {
      boolean same = primary == null ? dupRest.equals(values[rest.ordinal()])
          : dupRest.isEmpty() && dupFirst.equals(values[primary.ordinal()]);
      if (same) {
        return;
      }
      boolean none = (primary == null || !has(primary)) && !has(rest);
      if (none && (primary == null || !dupFirst.isEmpty())) {
        // Nothing here yet: the duplicate's list as it is.
        if (primary != null) {
          values[primary.ordinal()] = dupFirst;
          filled |= 1L << primary.ordinal();
        }
        values[rest.ordinal()] = dupRest;
        filled |= dupRest.isEmpty() ? 0 : 1L << rest.ordinal();
        packed = null;
        return;
      }
      g = new Gathered(primary, rest);
      if (primary != null && has(primary)) {
        g.add(values[primary.ordinal()]);
      }
      for (String v : split(values[rest.ordinal()])) {
        g.add(v);
      }
      if (gathered == null) {
        gathered = new Gathered[3];
      }
      gathered[list] = g;
    }
    boolean grew = !dupFirst.isEmpty() && g.add(dupFirst);
    for (String v : split(dupRest)) {
      grew |= g.add(v);
    }
    if (grew) {
      g.stale = true;
      packed = null;
      if (primary != null) {
        filled |= 1L << primary.ordinal();
      }
      if (primary == null || g.size > 1) {
        filled |= 1L << rest.ordinal();
      }
    }
  }

  /** Joins the lists that grew since last read into their columns. */
  private void settle() {
    for (Gathered g : gathered) {
      if (g != null && g.stale) {
        if (g.primary == null) {
          values[g.rest.ordinal()] = g.joined(0);
        } else {
          values[g.primary.ordinal()] = g.first();
          values[g.rest.ordinal()] = g.joined(1);
        }
        g.stale = false;
      }
    }
  }

  /**
   * One list a contact gathers from its duplicates: emails, phones or tags, every value once. Up to
   * {@value #FEW} values it keeps them as strings; past that, only their text joined and a 64-bit
   * hash of each, about 25 bytes a phone number instead of 110, so that a contact repeated on every row
   * of a large file (a placeholder email) does not take the heap. Two different values with the same
   * 64-bit hash would keep only the first: at a million values, a chance of about 3 in 100 million.
   */
  private static final class Gathered {
    static final int FEW = 64;
    /** The column that takes the first value (email, phone), or null when all go to {@code rest}. */
    final GhlColumn primary;
    final GhlColumn rest;
    /** The values while they are few; null after. */
    private Distinct<String> few = Distinct.strings();
    /** Past FEW values: all of them joined, the first on its own, and their hashes. */
    private StringBuilder joined;
    private String first;
    private com.carrotsearch.hppc.LongHashSet hashes;
    int size;
    /** The values grew since they were last joined into the columns. */
    boolean stale;

    Gathered(GhlColumn primary, GhlColumn rest) {
      this.primary = primary;
      this.rest = rest;
    }

    /** Adds a value unless it is here; answers whether it was added. */
    boolean add(String value) {
      if (few != null) {
        if (!few.add(value)) {
          return false;
        }
        size++;
        if (size > FEW) {
          List<String> all = few.list();
          first = all.get(0);
          joined = new StringBuilder(String.join(LIST_SEPARATOR, all));
          hashes = new com.carrotsearch.hppc.LongHashSet(FEW * 4);
          all.forEach(v -> hashes.add(Deduper.hash64(v)));
          few = null;
        }
        return true;
      }
      if (!hashes.add(Deduper.hash64(value))) {
        return false;
      }
      joined.append(LIST_SEPARATOR).append(value);
      size++;
      return true;
    }

    String first() {
      return few != null ? few.list().get(0) : first;
    }

    /** The values from the {@code from}-th on, joined as the CSV holds them. */
    String joined(int from) {
      if (few != null) {
        List<String> all = few.list();
        return from >= all.size() ? "" : String.join(LIST_SEPARATOR, all.subList(from, all.size()));
      }
      return from == 0 ? joined.toString() : joined.substring(first.length() + LIST_SEPARATOR.length());
    }
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
