package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.model.InternalWorkbook;
import org.apache.poi.hssf.usermodel.HSSFCell;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetVisibility;

/**
 * Reads one sheet of a legacy Excel 97–2003 workbook (.xls) through HSSF. The whole workbook is
 * loaded, which the format allows: it caps a sheet at 65,536 rows and 256 columns. Cells are
 * rendered by the same {@link CellText} rules as XLSX.
 */
public final class XlsRowReader implements RowReader {
  /** Name of the OLE2 stream that holds the encryption header of a password-protected XLSX. */
  private static final String ENCRYPTION_INFO = "EncryptionInfo";

  private final POIFSFileSystem fs;
  private final HSSFSheet sheet;
  private final CellText text;
  private final CellText.NumberStyle[] styleCache;
  private final ReadLimits limits;
  private final SourceInfo info;
  /** The columns of the row last rendered whose value was cut to the cell limit. */
  private final BitSet cut = new BitSet();

  private XlsRowReader(POIFSFileSystem fs, HSSFWorkbook workbook, int sheetIndex, ReadLimits limits,
      List<String> names) {
    this.fs = fs;
    this.sheet = workbook.getSheetAt(sheetIndex);
    this.text = new CellText(workbook.getInternalWorkbook().isUsing1904DateWindowing());
    this.styleCache = new CellText.NumberStyle[workbook.getNumCellStyles()];
    this.limits = limits;
    this.info = new SourceInfo("xls", null, null, names.get(sheetIndex), names);
  }

  /**
   * Opens an OLE2 file as an XLS workbook and chooses the sheet; an Excel 5.0/95 workbook is read
   * by {@link Biff5RowReader}.
   *
   * @param sheetName the sheet to read (case-insensitive); null for the first sheet holding a value
   * @throws ConversionException ENCRYPTED_FILE (encrypted XLS, or an encrypted XLSX, which Office
   *     wraps in OLE2), NOT_A_SPREADSHEET (another Office document), CORRUPT_FILE, SHEET_NOT_FOUND
   */
  public static RowReader open(Path file, String sheetName, ReadLimits limits)
      throws IOException, ConversionException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    POIFSFileSystem fs;
    try {
      fs = new POIFSFileSystem(file.toFile(), true);
    } catch (FileSystemException cannotOpen) {
      throw cannotOpen;
    } catch (IOException | RuntimeException damaged) {
      throw new ConversionException(ConversionError.CORRUPT_FILE, "ole2", Map.of(),
          "The spreadsheet is damaged and cannot be read (OLE2 structure).", damaged);
    }
    try {
      DirectoryNode root = fs.getRoot();
      String excel95Stream = classify(root);
      if (excel95Stream == null) {
        return open(fs, loadWorkbook(root), sheetName, limits);
      }
      try (fs) {
        return Biff5RowReader.open(root, excel95Stream, sheetName, limits);
      }
    } catch (ConversionException | RuntimeException e) {
      fs.close();
      if (e instanceof ConversionException refusal) {
        throw refusal;
      }
      throw PoiFailures.workbook(e, "workbook");
    }
  }

  private static XlsRowReader open(POIFSFileSystem fs, HSSFWorkbook workbook, String sheetName, ReadLimits limits)
      throws ConversionException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
      names.add(workbook.getSheetName(i));
    }
    if (names.isEmpty()) {
      throw new ConversionException(ConversionError.CORRUPT_FILE, "no_sheets", Map.of(), "The workbook has no sheets.");
    }
    int chosen = sheetName != null ? byName(names, sheetName) : -1;
    if (chosen < 0) {
      chosen = firstWithValue(fs, workbook, limits, names);
    }
    return new XlsRowReader(fs, workbook, chosen, limits, names);
  }

  @Override
  public SourceInfo info() {
    return info;
  }

  @Override
  public void read(RowHandler handler) throws IOException, ConversionException {
    Objects.requireNonNull(handler, "handler");
    Iterator<Row> rows = sheet.rowIterator();
    while (rows.hasNext()) {
      HSSFRow row = (HSSFRow) rows.next();
      String[] cells;
      try {
        cells = render(row);
      } catch (RuntimeException damaged) {
        throw PoiFailures.workbook(damaged, "row " + (row.getRowNum() + 1));
      }
      // Outside the try: a failure of the handler is the caller's, not a damaged file.
      if (cells == null) {
        continue;
      }
      for (int col = cut.nextSetBit(0); col >= 0; col = cut.nextSetBit(col + 1)) {
        handler.cellCut(row.getRowNum() + 1, col);
      }
      if (!handler.row(row.getRowNum() + 1, cells)) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    fs.close();
  }

  /**
   * Refuses what is OLE2 but not a readable XLS.
   *
   * @return the name of the workbook stream of an Excel 5.0/95 file, null for Excel 97 and later
   */
  private static String classify(DirectoryNode root) throws ConversionException {
    if (root.hasEntryCaseInsensitive(ENCRYPTION_INFO)
        || root.hasEntryCaseInsensitive(Decryptor.DEFAULT_POIFS_ENTRY)) {
      throw new ConversionException(ConversionError.ENCRYPTED_FILE);
    }
    try {
      String stream = HSSFWorkbook.getWorkbookDirEntryName(root);
      // Excel 95 under the Excel 97 name, as some converters write it: only its BOF tells.
      return isBiff5(root, stream) ? stream : null;
    } catch (EncryptedDocumentException encrypted) {
      throw new ConversionException(ConversionError.ENCRYPTED_FILE, ConversionError.ENCRYPTED_FILE.defaultMessage(),
          encrypted);
    } catch (OldExcelFormatException excel95) {
      return InternalWorkbook.OLD_WORKBOOK_DIR_ENTRY_NAME;
    } catch (IllegalArgumentException otherDocument) {
      throw new ConversionException(ConversionError.NOT_A_SPREADSHEET, "other_office_document", Map.of(),
          "The file is an Office document (Word, PowerPoint, Outlook...) but not an Excel workbook.",
          otherDocument);
    }
  }

  /** Whether the workbook stream starts with the BOF of BIFF5 (version 0x0500) rather than BIFF8 (0x0600). */
  private static boolean isBiff5(DirectoryNode root, String stream) {
    byte[] head;
    try (InputStream in = root.createDocumentInputStream(stream)) {
      head = in.readNBytes(6);
    } catch (IOException | RuntimeException unreadable) {
      return false; // HSSF will say what is wrong with it
    }
    return head.length == 6 && (head[0] & 0xFF) == 0x09 && (head[1] & 0xFF) == 0x08 && head[4] == 0x00
        && head[5] == 0x05;
  }

  private static HSSFWorkbook loadWorkbook(DirectoryNode root) throws ConversionException {
    try {
      return new HSSFWorkbook(root, false);
    } catch (EncryptedDocumentException encrypted) {
      // HSSF opens a workbook "protected" with Excel's built-in default password by itself; this
      // one has a real password.
      throw new ConversionException(ConversionError.ENCRYPTED_FILE, ConversionError.ENCRYPTED_FILE.defaultMessage(),
          encrypted);
    } catch (IOException | RuntimeException damaged) {
      throw PoiFailures.workbook(damaged, "workbook");
    }
  }

  private static int byName(List<String> names, String wanted) throws ConversionException {
    String key = wanted.strip();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).strip().equalsIgnoreCase(key)) {
        return i;
      }
    }
    throw XlsxRowReader.sheetNotFound(wanted, names);
  }

  /** The first visible sheet holding a value; else the first hidden one; else the first sheet. */
  private static int firstWithValue(POIFSFileSystem fs, HSSFWorkbook workbook, ReadLimits limits,
      List<String> names) throws ConversionException {
    int hiddenWithValue = -1;
    for (int i = 0; i < names.size(); i++) {
      boolean hidden = workbook.getSheetVisibility(i) != SheetVisibility.VISIBLE;
      if (hidden && hiddenWithValue >= 0) {
        continue;
      }
      XlsRowReader reader = new XlsRowReader(fs, workbook, i, limits, names);
      if (reader.hasValue()) {
        if (!hidden) {
          return i;
        }
        hiddenWithValue = i;
      }
    }
    return Math.max(hiddenWithValue, 0);
  }

  private boolean hasValue() {
    for (Row row : sheet) {
      for (Cell cell : row) {
        if (!show((HSSFCell) cell).isBlank()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The row's cells by column, "" in the gaps, those past the cell limit cut (their columns in
   * {@link #cut}); null when the row holds no value. The workbook is in memory already: a long
   * string costs nothing more here.
   */
  private String[] render(HSSFRow row) throws ConversionException {
    cut.clear();
    int last = row.getLastCellNum(); // one past the last cell, -1 when none
    if (last <= 0) {
      return null;
    }
    String[] cells = new String[Math.min(last, limits.maxColumns())];
    int lastWithValue = -1;
    for (Cell c : row) {
      HSSFCell cell = (HSSFCell) c;
      String shown = show(cell);
      if (shown.isEmpty()) {
        continue;
      }
      int column = cell.getColumnIndex();
      int rowNumber = row.getRowNum() + 1;
      if (column >= limits.maxColumns()) {
        throw new ConversionException(ConversionError.TOO_MANY_COLUMNS, "cell",
            Map.of("row", rowNumber, "column", XlsxSheetHandler.columnName(column), "limit", limits.maxColumns()),
            "Row " + rowNumber + " has a value in column " + XlsxSheetHandler.columnName(column)
                + ", beyond the limit of " + limits.maxColumns() + " columns.");
      }
      boolean tooLong = shown.length() > limits.maxCellChars();
      cut.set(column, tooLong);
      cells[column] = tooLong ? limits.cut(shown) : shown;
      lastWithValue = Math.max(lastWithValue, column);
    }
    if (lastWithValue < 0) {
      return null;
    }
    String[] out = new String[lastWithValue + 1];
    for (int i = 0; i <= lastWithValue; i++) {
      out[i] = cells[i] == null ? "" : cells[i];
    }
    return out;
  }

  private String show(HSSFCell cell) {
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      type = cell.getCachedFormulaResultType(); // the value Excel computed and saved
    }
    switch (type) {
      case STRING:
        return cell.getRichStringCellValue().getString();
      case NUMERIC:
        return text.number(cell.getNumericCellValue(), numberStyle(cell.getCellStyle()));
      case BOOLEAN:
        return CellText.bool(cell.getBooleanCellValue());
      case ERROR:
        try {
          return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (IllegalArgumentException unknownCode) {
          return "";
        }
      default:
        return "";
    }
  }

  private CellText.NumberStyle numberStyle(CellStyle style) {
    int index = style.getIndex() & 0xFFFF;
    if (index >= styleCache.length) {
      return CellText.style(style.getDataFormat() & 0xFFFF, style.getDataFormatString());
    }
    CellText.NumberStyle cached = styleCache[index];
    if (cached == null) {
      cached = CellText.style(style.getDataFormat() & 0xFFFF, style.getDataFormatString());
      styleCache[index] = cached;
    }
    return cached;
  }
}
