package com.ghldata.tools.generate;

import com.ghldata.tools.generate.Contact.Kind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes messy but realistic contact files (CSV or XLSX) for tests and benchmarks.
 *
 * <p>Row {@code i} depends on the seed and {@code i} only, so {@link #row} re-creates any row of a
 * written file without generating the rows before it, and a given seed always writes the same
 * bytes. About 85% of the people are Brazilian; phones come in every shape Brazilians type, emails
 * are sometimes blank, malformed or differently cased, about 5% of rows repeat an earlier person,
 * 1% have no name, email or phone, and 1% are blank. Immutable and thread-safe.
 */
public final class ContactFileGenerator {
  /** Excel's sheet limit, header row included. */
  private static final int MAX_XLSX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
  /** Rows SXSSF keeps in memory before flushing them to its temp file. */
  private static final int XLSX_ROW_WINDOW = 100;
  private static final int WRITE_BUFFER = 1 << 16;
  /** Fixed document dates, so that the same seed writes the same XLSX bytes. */
  private static final Date XLSX_DOCUMENT_DATE = new Date(1_704_067_200_000L); // 2024-01-01T00:00Z
  /** Days from Excel's day zero (1899-12-30) to 1970-01-01. */
  private static final long EXCEL_EPOCH_OFFSET = 25_569;

  private final long seed;
  private final People people;

  /** Brazilian-heavy contacts ({@link People#BRAZIL}). */
  public ContactFileGenerator(long seed) {
    this(seed, People.BRAZIL);
  }

  public ContactFileGenerator(long seed, People people) {
    this.seed = seed;
    this.people = Objects.requireNonNull(people, "people");
  }

  /**
   * Writes a header and {@code rows} records: RFC 4180, CRLF line ends, fields quoted only when they
   * hold the delimiter, a quote or a line break. UTF-16LE and UTF-16BE files get a byte order mark
   * (Excel needs it to read them; Java's "UTF-16" writes its own); UTF-8 and single-byte charsets
   * get none.
   *
   * @throws java.nio.charset.CharacterCodingException if the charset cannot encode a generated
   *     character (it never happens with UTF-8, UTF-16 or windows-1252)
   */
  public void writeCsv(Path out, int rows, Layout layout, char delimiter, Charset charset) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(charset, "charset");
    checkRows(rows);
    CsvOut.checkDelimiter(delimiter);
    Column[] columns = LayoutColumns.columns(layout);
    String[] values = new String[columns.length];
    try (CsvOut csv = new CsvOut(new BufferedOutputStream(Files.newOutputStream(out), WRITE_BUFFER), charset, delimiter)) {
      if (needsByteOrderMark(charset)) {
        csv.raw('\uFEFF');
      }
      csv.record(LayoutColumns.headers(layout).toArray(String[]::new));
      for (int i = 0; i < rows; i++) {
        fill(values, ContactSynth.contact(seed, i, people), columns);
        csv.record(values);
      }
    }
  }

  /**
   * Writes one sheet with a header and {@code rows} records, streaming (memory stays flat). As in
   * real Excel files, blank rows are absent, empty cells are not written, all-digit phones, CEPs and
   * ids are numeric cells (5511987654321 as a number), and some dates of birth are date cells.
   */
  public void writeXlsx(Path out, int rows, Layout layout) throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(layout, "layout");
    checkRows(rows);
    if (rows > MAX_XLSX_ROWS - 1) {
      throw new IllegalArgumentException("an XLSX sheet holds at most " + (MAX_XLSX_ROWS - 1)
          + " rows under its header, asked for " + rows);
    }
    Column[] columns = LayoutColumns.columns(layout);
    String[] values = new String[columns.length];
    // close() also deletes SXSSF's temp files (it calls the deprecated dispose() itself)
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_ROW_WINDOW)) {
      workbook.setCompressTempFiles(false);
      var properties = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
      properties.setCreated(Optional.of(XLSX_DOCUMENT_DATE));
      properties.setModified(Optional.of(XLSX_DOCUMENT_DATE));
      CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
      Sheet sheet = workbook.createSheet(layout == Layout.PORTUGUESE || layout == Layout.RDSTATION ? "Planilha1" : "Sheet1");

      Row header = sheet.createRow(0);
      List<String> headers = LayoutColumns.headers(layout);
      for (int k = 0; k < headers.size(); k++) {
        header.createCell(k).setCellValue(headers.get(k));
      }
      for (int i = 0; i < rows; i++) {
        Contact contact = ContactSynth.contact(seed, i, people);
        if (contact.kind == Kind.BLANK) {
          continue;
        }
        fill(values, contact, columns);
        Row row = sheet.createRow(i + 1);
        for (int k = 0; k < columns.length; k++) {
          String value = values[k];
          if (value.isEmpty()) {
            continue;
          }
          Cell cell = row.createCell(k);
          Column column = columns[k];
          if (column.numericInExcel && isExcelNumber(value)) {
            cell.setCellValue((double) Long.parseLong(value));
          } else if (column.birthDate && contact.birthDateCell) {
            cell.setCellValue(excelDate(contact));
            cell.setCellStyle(dateStyle);
          } else {
            cell.setCellValue(value);
          }
        }
      }
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), WRITE_BUFFER)) {
        workbook.write(os);
      }
    }
  }

  /** The header of a layout, in column order (unmodifiable). */
  public List<String> header(Layout layout) {
    return LayoutColumns.headers(Objects.requireNonNull(layout, "layout"));
  }

  /**
   * The values written at row {@code index} (0 = first record after the header): "" for an empty
   * cell. In XLSX, numeric and date cells show the same text when formatted as in these values.
   */
  public String[] row(int index, Layout layout) {
    Objects.requireNonNull(layout, "layout");
    if (index < 0) {
      throw new IllegalArgumentException("row index must be >= 0, was " + index);
    }
    Column[] columns = LayoutColumns.columns(layout);
    String[] values = new String[columns.length];
    fill(values, ContactSynth.contact(seed, index, people), columns);
    return values;
  }

  private static void fill(String[] values, Contact contact, Column[] columns) {
    if (contact.kind == Kind.BLANK) {
      Arrays.fill(values, "");
      return;
    }
    for (int k = 0; k < columns.length; k++) {
      values[k] = columns[k].value(contact);
    }
  }

  /**
   * Whether Excel would have stored the text as a number without changing it: digits only, no
   * leading zero (Excel drops it) and at most 15 digits (Excel's precision).
   */
  static boolean isExcelNumber(String value) {
    int n = value.length();
    if (n == 0 || n > 15 || value.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static double excelDate(Contact c) {
    return LocalDate.of(c.birthYear, c.birthMonth, c.birthDay).toEpochDay() + EXCEL_EPOCH_OFFSET;
  }

  private static boolean needsByteOrderMark(Charset charset) {
    String name = charset.name();
    return name.equalsIgnoreCase("UTF-16LE") || name.equalsIgnoreCase("UTF-16BE");
  }

  private static void checkRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, was " + rows);
    }
  }
}
