package com.ghldata.engine.read;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the right reader for an upload by looking at its bytes, never its name: users rename
 * files, and exports named .xls are often CSV or HTML underneath.
 */
public final class SpreadsheetReaders {
  private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
  private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
      (byte) 0xE1};

  private SpreadsheetReaders() {}

  /**
   * A zip is read as XLSX, an OLE2 compound file as XLS, anything else as CSV text.
   *
   * @param sheet the sheet of a workbook to read, case-insensitive; null for the first sheet holding
   *     a value; ignored for CSV
   * @throws ConversionException EMPTY_FILE, NOT_A_SPREADSHEET, CORRUPT_FILE, ENCRYPTED_FILE,
   *     ZIP_BOMB, UNSAFE_XML, SHEET_NOT_FOUND (and the limits, for a workbook's first sheet)
   * @throws IOException when the file itself cannot be read
   */
  public static RowReader open(Path file, String sheet, ReadLimits limits) throws IOException, ConversionException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(OLE2.length);
    }
    if (head.length == 0) {
      throw new ConversionException(ConversionError.EMPTY_FILE);
    }
    if (startsWith(head, ZIP_ENTRY)) {
      return XlsxRowReader.open(file, sheet, limits);
    }
    if (startsWith(head, ZIP_EMPTY)) {
      throw new ConversionException(ConversionError.NOT_A_SPREADSHEET, "empty_zip", Map.of(),
          "The file is an empty zip archive.");
    }
    if (startsWith(head, OLE2)) {
      return XlsRowReader.open(file, sheet, limits);
    }
    if (isBareBiff(head)) {
      throw new ConversionException(ConversionError.NOT_A_SPREADSHEET,
          "The file is an Excel 2.x-4.0 workbook, a format from before 1995 that is not read: open it in Excel"
              + " or LibreOffice and save it as .xlsx.");
    }
    return CsvRowReader.open(file, limits);
  }

  /**
   * The BOF record that starts a workbook of Excel 2.x to 4.0, which were bare record streams rather
   * than OLE2 files: sid 0x0009, 0x0209 or 0x0409 and its length. A NUL as the second byte rules text out.
   */
  private static boolean isBareBiff(byte[] head) {
    if (head.length < 4 || head[0] != 0x09 || head[3] != 0) {
      return false;
    }
    return (head[1] == 0x00 && head[2] == 4) || ((head[1] == 0x02 || head[1] == 0x04) && head[2] == 6);
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
