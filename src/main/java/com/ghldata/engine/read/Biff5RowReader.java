package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.poi.hssf.util.RKUtil;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.util.CodePageUtil;

/**
 * Reads one sheet of an Excel 5.0/95 workbook (BIFF5), which HSSF refuses and people still have
 * from old systems and their exports. POI gives the OLE2 container, the codepages and RK decoding;
 * the records are read here: the globals (codepage, date system, number formats, sheet list), then
 * the chosen sheet's labels, numbers, RKs, booleans and cached formula results, each shown by the
 * same {@link CellText} rules as XLS and XLSX. The workbook stream is held as bytes (its size is
 * the file's); cells are pushed row by row as the sheet's records come, never collected.
 */
final class Biff5RowReader implements RowReader {
  private static final int BOF = 0x0809;
  private static final int EOF = 0x000A;
  private static final int FILEPASS = 0x002F;
  private static final int CODEPAGE = 0x0042;
  private static final int DATEMODE = 0x0022;
  private static final int FORMAT = 0x041E;
  private static final int XF = 0x00E0;
  private static final int BOUNDSHEET = 0x0085;
  private static final int LABEL = 0x0204;
  private static final int RSTRING = 0x00D6;
  private static final int NUMBER = 0x0203;
  private static final int RK = 0x027E;
  private static final int MULRK = 0x00BD;
  private static final int BOOLERR = 0x0205;
  private static final int FORMULA = 0x0006;
  private static final int STRING = 0x0207;
  /** BOF substream type of a worksheet (charts, macro sheets and VB modules hold no contacts). */
  private static final int WORKSHEET = 0x0010;
  /** The BOF version of BIFF5 (BIFF8, Excel 97 and later, is 0x0600). */
  private static final int BIFF5 = 0x0500;
  /** What Excel 95 wrote in Western Europe and the Americas, and what a file without a codepage means. */
  private static final Charset WESTERN = Charset.forName("windows-1252");

  private final Book book;
  private final Sheet sheet;
  private final ReadLimits limits;
  private final SourceInfo info;

  private Biff5RowReader(Book book, Sheet sheet, ReadLimits limits, List<String> names) {
    this.book = book;
    this.sheet = sheet;
    this.limits = limits;
    this.info = new SourceInfo("xls", null, null, sheet.name, names);
  }

  /**
   * Reads the globals of the workbook stream {@code entryName} of an OLE2 file and chooses the sheet.
   *
   * @param sheetName the sheet to read (case-insensitive); null for the first sheet holding a value
   * @throws ConversionException ENCRYPTED_FILE, CORRUPT_FILE, SHEET_NOT_FOUND
   */
  static Biff5RowReader open(DirectoryNode root, String entryName, String sheetName, ReadLimits limits)
      throws ConversionException {
    Objects.requireNonNull(limits, "limits");
    byte[] bytes;
    try (InputStream in = root.createDocumentInputStream((DocumentEntry) root.getEntryCaseInsensitive(entryName))) {
      bytes = in.readAllBytes();
    } catch (IOException | RuntimeException damaged) {
      throw PoiFailures.workbook(damaged, "Excel 95 workbook stream");
    }
    Book book = new Book(bytes);
    List<Sheet> sheets = damagedIfCut(book::globals);
    if (sheets.isEmpty()) {
      throw new ConversionException(ConversionError.CORRUPT_FILE, "The workbook has no sheets.");
    }
    List<String> names = sheets.stream().map(s -> s.name).toList();
    Sheet chosen = sheetName != null ? byName(sheets, sheetName, names) : firstWithValue(book, sheets);
    return new Biff5RowReader(book, chosen, limits, names);
  }

  @Override
  public SourceInfo info() {
    return info;
  }

  @Override
  public void read(RowHandler handler) throws ConversionException {
    Objects.requireNonNull(handler, "handler");
    RowAssembler rows = new RowAssembler(handler, limits);
    damagedIfCut(() -> {
      if (book.cells(sheet, rows)) {
        rows.flush();
      }
      return null;
    });
  }

  @Override
  public void close() {
    // nothing open: the stream was read into memory
  }

  private static Sheet byName(List<Sheet> sheets, String wanted, List<String> names) throws ConversionException {
    String key = wanted.strip();
    for (Sheet s : sheets) {
      if (s.name.strip().equalsIgnoreCase(key)) {
        return s;
      }
    }
    throw XlsxRowReader.sheetNotFound(wanted, names);
  }

  /** The first visible sheet holding a value; else the first hidden one; else the first sheet. */
  private static Sheet firstWithValue(Book book, List<Sheet> sheets) throws ConversionException {
    Sheet hiddenWithValue = null;
    for (Sheet s : sheets) {
      if (s.hidden && hiddenWithValue != null) {
        continue;
      }
      boolean[] found = {false};
      damagedIfCut(() -> book.cells(s, (row, column, value) -> {
        found[0] = true;
        return false;
      }));
      if (found[0]) {
        if (!s.hidden) {
          return s;
        }
        hiddenWithValue = s;
      }
    }
    return hiddenWithValue != null ? hiddenWithValue : sheets.get(0);
  }

  private interface Step<T> {
    T run() throws ConversionException;
  }

  /** Runs a walk over the records, turning a record or string cut short into CORRUPT_FILE. */
  private static <T> T damagedIfCut(Step<T> step) throws ConversionException {
    try {
      return step.run();
    } catch (Truncated | BufferUnderflowException | IndexOutOfBoundsException damaged) {
      throw new ConversionException(ConversionError.CORRUPT_FILE,
          "The spreadsheet is damaged and cannot be read (Excel 95 records).", damaged);
    }
  }

  /** A worksheet as BOUNDSHEET lists it: where its substream starts in the workbook stream. */
  private record Sheet(String name, boolean hidden, int offset) {}

  /** One BIFF record: its type and its data, positioned at the first field. */
  private record Rec(int sid, ByteBuffer data) {}

  /** Where a sheet's cells go, in record order; false stops the walk. */
  private interface CellSink {
    boolean cell(int row, int column, String value) throws ConversionException;
  }

  /** A record or string that ends before its length says, or a stream without its EOF records. */
  private static final class Truncated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Truncated(String message) {
      super(message);
    }
  }

  /** Gathers the cells of one row (Excel writes a sheet's cells row by row) and pushes each row when the next starts. */
  private static final class RowAssembler implements CellSink {
    private final RowHandler handler;
    private final ReadLimits limits;
    private String[] cells = new String[16];
    /** The columns of the row gathered whose value was cut to the cell limit. */
    private final BitSet cut = new BitSet();
    private int row = -1;
    private int last = -1;

    RowAssembler(RowHandler handler, ReadLimits limits) {
      this.handler = handler;
      this.limits = limits;
    }

    @Override
    public boolean cell(int rowIndex, int column, String value) throws ConversionException {
      if (rowIndex != row) {
        if (!flush()) {
          return false;
        }
        row = rowIndex;
      }
      if (column >= limits.maxColumns()) {
        throw new ConversionException(ConversionError.TOO_MANY_COLUMNS,
            "Row " + (rowIndex + 1) + " has a value in column " + XlsxSheetHandler.columnName(column)
                + ", beyond the limit of " + limits.maxColumns() + " columns.");
      }
      if (column >= cells.length) {
        cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
      }
      // BIFF5 caps a string at 255 bytes; only a limit set lower than that cuts one.
      boolean tooLong = value.length() > limits.maxCellChars();
      cut.set(column, tooLong);
      cells[column] = tooLong ? limits.cut(value) : value;
      last = Math.max(last, column);
      return true;
    }

    /** Pushes the row gathered so far, if any; the handler's answer. */
    boolean flush() throws ConversionException {
      if (last < 0) {
        return true;
      }
      String[] out = new String[last + 1];
      for (int i = 0; i <= last; i++) {
        out[i] = cells[i] == null ? "" : cells[i];
        cells[i] = null;
      }
      last = -1;
      for (int col = cut.nextSetBit(0); col >= 0; col = cut.nextSetBit(col + 1)) {
        handler.cellCut(row + 1, col);
      }
      cut.clear();
      return handler.row(row + 1, out);
    }
  }

  /** The workbook stream: its globals, and a walk over one sheet's records. */
  private static final class Book {
    private final byte[] bytes;
    private final Map<Integer, String> formats = new HashMap<>();
    private final List<Integer> xfFormats = new ArrayList<>();
    private CellText.NumberStyle[] styles = new CellText.NumberStyle[0];
    private CellText text = new CellText(false);
    private Charset charset = WESTERN;

    Book(byte[] bytes) {
      this.bytes = bytes;
    }

    /** Reads the workbook globals, from the first BOF to its EOF; the worksheets they list, in order. */
    List<Sheet> globals() throws ConversionException {
      ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      if (in.remaining() < 4 || (in.getShort(0) & 0xFFFF) != BOF) {
        throw new ConversionException(ConversionError.CORRUPT_FILE,
            "The spreadsheet is damaged: its Excel 95 workbook stream does not start with a BOF record.");
      }
      if ((next(in).data().getShort() & 0xFFFF) != BIFF5) {
        // Only the stream's name said Excel 95; its records are another version's.
        throw new ConversionException(ConversionError.CORRUPT_FILE,
            "The spreadsheet is damaged: its workbook stream is named as Excel 95 but is not.");
      }
      List<Sheet> sheets = new ArrayList<>();
      boolean date1904 = false;
      for (Rec rec = next(in); rec.sid() != EOF; rec = next(in)) {
        ByteBuffer r = rec.data();
        switch (rec.sid()) {
          case FILEPASS -> throw new ConversionException(ConversionError.ENCRYPTED_FILE);
          case CODEPAGE -> charset = charsetOf(r.getShort() & 0xFFFF);
          case DATEMODE -> date1904 = (r.getShort() & 0xFFFF) == 1;
          case FORMAT -> {
            int index = r.getShort() & 0xFFFF;
            formats.put(index, string(r, r.get() & 0xFF));
          }
          case XF -> {
            r.getShort(); // font
            xfFormats.add(r.getShort() & 0xFFFF);
          }
          case BOUNDSHEET -> {
            int offset = r.getInt();
            boolean hidden = (r.get() & 0x03) != 0;
            int kind = r.get() & 0xFF;
            String name = string(r, r.get() & 0xFF);
            if (kind == 0) { // a worksheet; not a macro sheet, chart or VB module
              sheets.add(new Sheet(name, hidden, offset));
            }
          }
          default -> { }
        }
      }
      styles = numberStyles();
      text = new CellText(date1904);
      return sheets;
    }

    /**
     * Pushes the sheet's cells to the sink in record order, skipping any substream nested in it (an
     * embedded chart).
     *
     * @return false when the sink stopped the walk
     */
    boolean cells(Sheet sheet, CellSink sink) throws ConversionException {
      if (sheet.offset() < 0 || sheet.offset() > bytes.length - 4) {
        throw new Truncated("a sheet starts beyond the end of the stream");
      }
      ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position(sheet.offset());
      Rec bof = next(in);
      if (bof.sid() != BOF) {
        throw new ConversionException(ConversionError.CORRUPT_FILE,
            "The spreadsheet is damaged: sheet \"" + sheet.name() + "\" does not start where the workbook says.");
      }
      bof.data().getShort(); // version
      if ((bof.data().getShort() & 0xFFFF) != WORKSHEET) {
        return true; // a dialog sheet: no cells
      }
      int depth = 1;
      int[] awaitingString = null; // the cell whose formula result is in the next STRING record
      while (depth > 0) {
        Rec rec = next(in);
        ByteBuffer r = rec.data();
        int sid = rec.sid();
        if (sid == BOF || sid == EOF) {
          depth += sid == BOF ? 1 : -1;
          continue;
        }
        if (depth > 1) {
          continue;
        }
        int row;
        int column;
        String value;
        switch (sid) {
          case LABEL, RSTRING -> {
            row = r.getShort() & 0xFFFF;
            column = r.getShort() & 0xFFFF;
            r.getShort(); // xf
            value = string(r, r.getShort() & 0xFFFF);
          }
          case NUMBER -> {
            row = r.getShort() & 0xFFFF;
            column = r.getShort() & 0xFFFF;
            int xf = r.getShort() & 0xFFFF;
            value = number(r.getDouble(), xf);
          }
          case RK -> {
            row = r.getShort() & 0xFFFF;
            column = r.getShort() & 0xFFFF;
            int xf = r.getShort() & 0xFFFF;
            value = number(RKUtil.decodeNumber(r.getInt()), xf);
          }
          case MULRK -> {
            row = r.getShort() & 0xFFFF;
            column = r.getShort() & 0xFFFF;
            // Six bytes per cell, then the last column's two: every cell but the last is pushed here.
            while (r.remaining() > 8) {
              int xf = r.getShort() & 0xFFFF;
              if (!push(sink, row, column++, number(RKUtil.decodeNumber(r.getInt()), xf))) {
                return false;
              }
            }
            int xf = r.getShort() & 0xFFFF;
            value = number(RKUtil.decodeNumber(r.getInt()), xf);
          }
          case BOOLERR -> {
            row = r.getShort() & 0xFFFF;
            column = r.getShort() & 0xFFFF;
            r.getShort(); // xf
            int flag = r.get() & 0xFF;
            value = r.get() != 0 ? errorText(flag) : CellText.bool(flag != 0);
          }
          case FORMULA -> {
            row = r.getShort() & 0xFFFF;
            column = r.getShort() & 0xFFFF;
            int xf = r.getShort() & 0xFFFF;
            // The cached result: a number, unless its last two bytes are 0xFFFF; then its first byte
            // says string (in the STRING record that follows), boolean, error or empty.
            int at = r.position();
            awaitingString = null;
            if ((r.getShort(at + 6) & 0xFFFF) != 0xFFFF) {
              value = number(r.getDouble(at), xf);
            } else {
              int kind = r.get(at) & 0xFF;
              int flag = r.get(at + 2) & 0xFF;
              if (kind == 0) {
                awaitingString = new int[] {row, column};
              }
              value = kind == 1 ? CellText.bool(flag != 0) : kind == 2 ? errorText(flag) : "";
            }
          }
          case STRING -> {
            if (awaitingString == null) {
              continue;
            }
            row = awaitingString[0];
            column = awaitingString[1];
            awaitingString = null;
            value = string(r, r.getShort() & 0xFFFF);
          }
          default -> {
            continue;
          }
        }
        if (!push(sink, row, column, value)) {
          return false;
        }
      }
      return true;
    }

    private static boolean push(CellSink sink, int row, int column, String value)
        throws ConversionException {
      if (value.isEmpty()) {
        return true;
      }
      return sink.cell(row, column, value);
    }

    private String number(double value, int xf) {
      return text.number(value, xf < styles.length ? styles[xf] : CellText.NumberStyle.GENERAL);
    }

    /** Record framing: the sid, the length, then that many bytes of data. */
    private static Rec next(ByteBuffer in) {
      if (in.remaining() < 4) {
        throw new Truncated("the stream ends before an EOF record");
      }
      int sid = in.getShort() & 0xFFFF;
      int length = in.getShort() & 0xFFFF;
      if (length > in.remaining()) {
        throw new Truncated("record 0x" + Integer.toHexString(sid) + " is cut short");
      }
      ByteBuffer data = in.slice(in.position(), length).order(ByteOrder.LITTLE_ENDIAN);
      in.position(in.position() + length);
      return new Rec(sid, data);
    }

    private String string(ByteBuffer record, int length) {
      if (length > record.remaining()) {
        throw new Truncated("a string runs past its record");
      }
      byte[] chars = new byte[length];
      record.get(chars);
      return new String(chars, charset);
    }

    private static String errorText(int code) {
      try {
        return FormulaError.forInt(code).getString();
      } catch (IllegalArgumentException unknownCode) {
        return "";
      }
    }

    private static Charset charsetOf(int codepage) {
      try {
        return Charset.forName(CodePageUtil.codepageToEncoding(codepage, true));
      } catch (IOException | IllegalArgumentException unknown) {
        return WESTERN;
      }
    }

    /** One number style per XF, by its format: a custom FORMAT record, else Excel's built-in one. */
    private CellText.NumberStyle[] numberStyles() {
      Map<Integer, CellText.NumberStyle> byFormat = new HashMap<>();
      CellText.NumberStyle[] out = new CellText.NumberStyle[xfFormats.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = byFormat.computeIfAbsent(xfFormats.get(i), id -> {
          String pattern = formats.get(id);
          if (pattern == null && id < BuiltinFormats.FIRST_USER_DEFINED_FORMAT_INDEX) {
            pattern = BuiltinFormats.getBuiltinFormat(id);
            if (pattern != null && pattern.startsWith("reserved")) {
              pattern = null; // locale-dependent built-ins POI cannot name: shown as General
            }
          }
          return CellText.style(id, pattern);
        });
      }
      return out;
    }
  }
}
