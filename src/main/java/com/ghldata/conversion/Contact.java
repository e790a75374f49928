package com.ghldata.conversion;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  final String[] values;
  final int rowNumber;
  /** Region of the primary phone (BR, US ...), "" when there is none. */
  String phoneRegion;

  Contact(int rowNumber) {
    this(rowNumber, new String[COLUMNS], "");
    java.util.Arrays.fill(values, "");
  }

  private Contact(int rowNumber, String[] values, String phoneRegion) {
    this.rowNumber = rowNumber;
    this.values = values;
    this.phoneRegion = phoneRegion;
  }

  String get(GhlColumn column) {
    return values[column.ordinal()];
  }

  void set(GhlColumn column, String value) {
    values[column.ordinal()] = value == null ? "" : value;
  }

  boolean has(GhlColumn column) {
    return !values[column.ordinal()].isEmpty();
  }

  /**
   * Folds a later duplicate into this contact: this one wins, its blanks are filled from the
   * duplicate, tags are unioned, the duplicate's other emails and phones become additional ones.
   */
  void mergeFrom(Contact dup) {
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
    return joined.isEmpty() ? List.of() : List.of(joined.split(LIST_SEPARATOR));
  }

  // Spool format: row number, phone region, then every column as length-prefixed UTF-8.
  void writeTo(DataOutputStream out) throws IOException {
    out.writeInt(rowNumber);
    writeString(out, phoneRegion);
    for (String v : values) {
      writeString(out, v);
    }
  }

  static Contact readFrom(DataInputStream in) throws IOException {
    int row = in.readInt();
    String region = readString(in);
    String[] values = new String[COLUMNS];
    for (int i = 0; i < COLUMNS; i++) {
      values[i] = readString(in);
    }
    return new Contact(row, values, region);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s.isEmpty()) {
      out.writeShort(0);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length < Short.MAX_VALUE) {
      out.writeShort(b.length);
    } else {
      out.writeShort(-1);
      out.writeInt(b.length);
    }
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int len = in.readShort();
    if (len == 0) {
      return "";
    }
    if (len < 0) {
      len = in.readInt();
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
