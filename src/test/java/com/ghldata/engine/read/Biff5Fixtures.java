package com.ghldata.engine.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Writes minimal Excel 5.0/95 (BIFF5) workbooks record by record, as the format describes them:
 * workbook globals (BOF, CODEPAGE, a custom FORMAT, three XFs, a BOUNDSHEET per sheet, EOF), then
 * each sheet's substream, in an OLE2 file's "Book" stream. Text is windows-1252, as Excel 95 wrote it.
 */
final class Biff5Fixtures {
  /** XF indices the fixture defines: General, the custom dd/mm/yyyy, built-in format 14 (a date). */
  static final int GENERAL = 0;
  static final int CUSTOM_DATE = 1;
  static final int BUILTIN_DATE = 2;

  private static final Charset CP1252 = Charset.forName("windows-1252");

  private Biff5Fixtures() {}

  /** One worksheet: its cell records, in the order they are added. */
  static final class Sheet {
    final String name;
    final boolean hidden;
    private final ByteArrayOutputStream cells = new ByteArrayOutputStream();

    Sheet(String name, boolean hidden) {
      this.name = name;
      this.hidden = hidden;
    }

    Sheet(String name) {
      this(name, false);
    }

    Sheet label(int row, int column, String text) {
      byte[] bytes = text.getBytes(CP1252);
      record(cells, 0x0204, le(8 + bytes.length).putShort((short) row).putShort((short) column).putShort((short) 0)
          .putShort((short) bytes.length).put(bytes));
      return this;
    }

    Sheet number(int row, int column, double value, int xf) {
      record(cells, 0x0203, le(14).putShort((short) row).putShort((short) column).putShort((short) xf)
          .putDouble(value));
      return this;
    }

    /** An RK holding a whole number of at most 29 bits (the integer form: shifted left by two, flag bit 1 set). */
    Sheet rk(int row, int column, int value) {
      record(cells, 0x027E, le(10).putShort((short) row).putShort((short) column).putShort((short) 0)
          .putInt((value << 2) | 2));
      return this;
    }

    /** A MULRK of whole numbers from {@code firstColumn} on. */
    Sheet mulRk(int row, int firstColumn, int... values) {
      ByteBuffer b = le(6 + 6 * values.length).putShort((short) row).putShort((short) firstColumn);
      for (int v : values) {
        b.putShort((short) 0).putInt((v << 2) | 2);
      }
      b.putShort((short) (firstColumn + values.length - 1));
      record(cells, 0x00BD, b);
      return this;
    }

    Sheet bool(int row, int column, boolean value) {
      record(cells, 0x0205, le(8).putShort((short) row).putShort((short) column).putShort((short) 0)
          .put((byte) (value ? 1 : 0)).put((byte) 0));
      return this;
    }

    /** A formula whose cached result is a string: the FORMULA record (tokens: one integer), then STRING. */
    Sheet formulaString(int row, int column, String result) {
      record(cells, 0x0006, le(25).putShort((short) row).putShort((short) column).putShort((short) 0)
          .put(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF}).putShort((short) 0).putInt(0)
          .putShort((short) 3).put(new byte[] {0x1E, 1, 0}));
      byte[] bytes = result.getBytes(CP1252);
      record(cells, 0x0207, le(2 + bytes.length).putShort((short) bytes.length).put(bytes));
      return this;
    }

    /** A raw record, for damaged or unusual files. */
    Sheet raw(int sid, byte[] data) {
      record(cells, sid, ByteBuffer.wrap(data).position(data.length));
      return this;
    }

    byte[] substream() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      record(out, 0x0809, bof(0x0010));
      out.writeBytes(cells.toByteArray());
      record(out, 0x000A, le(0));
      return out.toByteArray();
    }
  }

  /** The workbook stream alone (what goes in the OLE2 "Book" entry). */
  static byte[] bookStream(List<byte[]> extraGlobals, Sheet... sheets) {
    byte[] globals = globals(extraGlobals, sheets, new int[sheets.length]);
    int[] offsets = new int[sheets.length];
    int at = globals.length;
    List<byte[]> substreams = new ArrayList<>();
    for (int i = 0; i < sheets.length; i++) {
      offsets[i] = at;
      byte[] s = sheets[i].substream();
      substreams.add(s);
      at += s.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(globals(extraGlobals, sheets, offsets));
    substreams.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static byte[] workbook(Sheet... sheets) throws IOException {
    return inOle2("Book", bookStream(List.of(), sheets));
  }

  /** An OLE2 file holding {@code stream} under {@code entryName}. */
  static byte[] inOle2(String entryName, byte[] stream) throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fs.createDocument(new ByteArrayInputStream(stream), entryName);
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  /** A FILEPASS record: the workbook is encrypted. */
  static byte[] filePass() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    record(out, 0x002F, le(4).putShort((short) 0).putShort((short) 0));
    return out.toByteArray();
  }

  private static byte[] globals(List<byte[]> extra, Sheet[] sheets, int[] offsets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    record(out, 0x0809, bof(0x0005));
    extra.forEach(out::writeBytes);
    record(out, 0x0042, le(2).putShort((short) 1252));
    byte[] format = "dd/mm/yyyy".getBytes(CP1252);
    record(out, 0x041E, le(3 + format.length).putShort((short) 164).put((byte) format.length).put(format));
    for (int ifmt : new int[] {0, 164, 14}) {
      record(out, 0x00E0, le(16).putShort((short) 0).putShort((short) ifmt).put(new byte[12]));
    }
    for (int i = 0; i < sheets.length; i++) {
      byte[] name = sheets[i].name.getBytes(CP1252);
      record(out, 0x0085, le(7 + name.length).putInt(offsets[i]).put((byte) (sheets[i].hidden ? 1 : 0))
          .put((byte) 0).put((byte) name.length).put(name));
    }
    record(out, 0x000A, le(0));
    return out.toByteArray();
  }

  /** BIFF5 BOF: version 0x0500, the substream type, Excel 95's build and year. */
  private static ByteBuffer bof(int type) {
    return le(8).putShort((short) 0x0500).putShort((short) type).putShort((short) 0x0DBB).putShort((short) 0x07CC);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** sid, length, data: {@code data} is written up to its position. */
  private static void record(ByteArrayOutputStream out, int sid, ByteBuffer data) {
    int length = data.position();
    ByteBuffer head = le(4).putShort((short) sid).putShort((short) length);
    out.writeBytes(head.array());
    out.write(data.array(), 0, length);
  }
}
