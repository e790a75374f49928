package com.ghldata.engine;

import com.ghldata.engine.write.GhlCsvWriter;
import java.nio.charset.StandardCharsets;

/**
 * A contact as one byte array: row number, phone region, then every column as a length and its UTF-8
 * bytes. It is the form heads take on the dedupe spool, and the CSV line is rendered from it without
 * turning the bytes back into strings ({@link GhlCsvWriter#write(PackedContact)}). One instance is a
 * reusable view: {@link #wrap} points it at a record.
 *
 * <p>Layout: 4 bytes row number, 1 byte region length, the region (ASCII), then per column a length
 * (1 byte below 128, else 4 bytes with the top bit set) and the bytes. A lone surrogate is encoded as
 * {@code ?}, as {@code String.getBytes(UTF_8)} and the CSV writer do.
 */
public final class PackedContact {
  private static final int COLUMNS = GhlColumn.ALL.size();

  private byte[] bytes;
  private int rowNumber;
  private int regionStart;
  private int regionLength;
  private final int[] start = new int[COLUMNS];
  private final int[] length = new int[COLUMNS];

  /** Encodes a contact. */
  static byte[] pack(Contact c) {
    String region = c.phoneRegion;
    String[] values = c.values();
    // String.getBytes is the JDK's intrinsic path (a vectorised copy for ASCII text, which most
    // cells are), and it writes '?' for a lone surrogate, as documented above.
    byte[][] encoded = new byte[COLUMNS][];
    int size = 5 + region.length();
    for (int i = 0; i < COLUMNS; i++) {
      String v = values[i];
      if (v.isEmpty()) {
        size++;
      } else {
        byte[] e = v.getBytes(StandardCharsets.UTF_8);
        encoded[i] = e;
        size += (e.length < 0x80 ? 1 : 4) + e.length;
      }
    }
    byte[] b = new byte[size];
    int k = 0;
    b[k++] = (byte) (c.rowNumber >>> 24);
    b[k++] = (byte) (c.rowNumber >>> 16);
    b[k++] = (byte) (c.rowNumber >>> 8);
    b[k++] = (byte) c.rowNumber;
    b[k++] = (byte) region.length();
    for (int i = 0; i < region.length(); i++) {
      b[k++] = (byte) region.charAt(i);
    }
    for (byte[] e : encoded) {
      if (e == null) {
        b[k++] = 0;
        continue;
      }
      int len = e.length;
      if (len < 0x80) {
        b[k++] = (byte) len;
      } else {
        b[k++] = (byte) (0x80 | (len >>> 24));
        b[k++] = (byte) (len >>> 16);
        b[k++] = (byte) (len >>> 8);
        b[k++] = (byte) len;
      }
      System.arraycopy(e, 0, b, k, len);
      k += len;
    }
    return b;
  }

  /** Points this view at a packed record starting at index 0 of {@code record}. */
  PackedContact wrap(byte[] record) {
    return wrap(record, 0);
  }

  /** Points this view at a packed record starting at {@code offset} of {@code record}. */
  PackedContact wrap(byte[] record, int offset) {
    bytes = record;
    rowNumber = ((record[offset] & 0xFF) << 24) | ((record[offset + 1] & 0xFF) << 16)
        | ((record[offset + 2] & 0xFF) << 8) | (record[offset + 3] & 0xFF);
    regionLength = record[offset + 4];
    regionStart = offset + 5;
    int k = regionStart + regionLength;
    for (int i = 0; i < COLUMNS; i++) {
      int len = record[k++];
      if (len < 0) {
        len = ((len & 0x7F) << 24) | ((record[k] & 0xFF) << 16) | ((record[k + 1] & 0xFF) << 8) | (record[k + 2] & 0xFF);
        k += 3;
      }
      start[i] = k;
      length[i] = len;
      k += len;
    }
    return this;
  }

  public byte[] bytes() {
    return bytes;
  }

  public int start(GhlColumn column) {
    return start[column.ordinal()];
  }

  public int length(GhlColumn column) {
    return length[column.ordinal()];
  }

  public boolean has(GhlColumn column) {
    return length[column.ordinal()] != 0;
  }

  int rowNumber() {
    return rowNumber;
  }

  /** Region of the primary phone, "" when there is none. */
  String phoneRegion() {
    return regionLength == 0 ? "" : new String(bytes, regionStart, regionLength, StandardCharsets.ISO_8859_1);
  }

  /** The contact back, to merge late duplicates into it or to show it. */
  Contact unpack() {
    String[] values = new String[COLUMNS];
    for (int i = 0; i < COLUMNS; i++) {
      values[i] = length[i] == 0 ? "" : new String(bytes, start[i], length[i], StandardCharsets.UTF_8);
    }
    return new Contact(rowNumber, values, regionLength == 0 ? "" : phoneRegion());
  }
}
