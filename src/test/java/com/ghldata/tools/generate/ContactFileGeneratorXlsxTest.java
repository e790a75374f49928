package com.ghldata.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactFileGeneratorXlsxTest {
  private static final int ROWS = 1000;
  private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final ContactFileGenerator GENERATOR = new ContactFileGenerator(31);

  @TempDir static Path dir;
  private static Path file;
  private static XSSFWorkbook workbook;
  private static Sheet sheet;

  @BeforeAll
  static void write() throws IOException {
    file = dir.resolve("contatos.xlsx");
    GENERATOR.writeXlsx(file, ROWS, Layout.PORTUGUESE);
    try (InputStream in = Files.newInputStream(file)) {
      workbook = new XSSFWorkbook(in);
    }
    sheet = workbook.getSheetAt(0);
  }

  @Test
  void theSheetHoldsTheHeaderAndEveryRowOfItsIndex() {
    assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
    assertThat(cells(sheet.getRow(0), 13)).containsExactlyElementsOf(GENERATOR.header(Layout.PORTUGUESE));
    assertThat(sheet.getLastRowNum()).isLessThanOrEqualTo(ROWS);
    for (int i = 0; i < ROWS; i++) {
      assertThat(cells(sheet.getRow(i + 1), 13)).as("row %d", i).containsExactly(GENERATOR.row(i, Layout.PORTUGUESE));
    }
  }

  @Test
  void blankRowsAreAbsentAsInFilesSavedByExcel() {
    int absent = 0;
    for (int i = 0; i < ROWS; i++) {
      if (sheet.getRow(i + 1) == null) {
        absent++;
        assertThat(String.join("", GENERATOR.row(i, Layout.PORTUGUESE))).isEmpty();
      }
    }
    assertThat(absent).isPositive();
  }

  @Test
  void aboutAThirdOfThePhonesAreNumericCells() {
    int phones = 0;
    int numeric = 0;
    for (Row row : sheet) {
      if (row.getRowNum() == 0) {
        continue;
      }
      for (int column : new int[] {2, 3}) {
        Cell cell = row.getCell(column);
        if (cell != null) {
          phones++;
          numeric += cell.getCellType() == CellType.NUMERIC ? 1 : 0;
        }
      }
    }
    assertThat((double) numeric / phones).isBetween(0.22, 0.45);
    // what Excel shows in a General cell: the reason the converter must never use the display text
    Cell big = findNumeric(2, 1e12);
    assertThat(String.valueOf((long) big.getNumericCellValue())).startsWith("55").hasSize(13);
  }

  @Test
  void someDatesOfBirthAreRealDateCellsAndOthersText() {
    int dates = 0;
    int texts = 0;
    for (Row row : sheet) {
      Cell cell = row.getRowNum() == 0 ? null : row.getCell(9);
      if (cell == null) {
        continue;
      }
      if (cell.getCellType() == CellType.NUMERIC) {
        assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("dd/mm/yyyy");
        dates++;
      } else {
        texts++;
      }
    }
    assertThat(dates).isGreaterThan(60);
    assertThat(texts).isGreaterThan(60);
  }

  @Test
  void theSameSeedWritesByteIdenticalXlsxFiles() throws IOException {
    Path again = dir.resolve("again.xlsx");
    GENERATOR.writeXlsx(again, ROWS, Layout.PORTUGUESE);

    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void hubspotRecordIdsAreNumericCells() throws IOException {
    Path hubspot = dir.resolve("hubspot.xlsx");
    GENERATOR.writeXlsx(hubspot, 50, Layout.HUBSPOT);
    try (InputStream in = Files.newInputStream(hubspot); XSSFWorkbook book = new XSSFWorkbook(in)) {
      Row first = book.getSheetAt(0).getRow(1);
      assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(String.valueOf((long) first.getCell(0).getNumericCellValue())).isEqualTo(GENERATOR.row(0, Layout.HUBSPOT)[0]);
    }
  }

  /** The cells as the generator's text: numbers as integers, dates as dd/MM/yyyy, missing as "". */
  private static List<String> cells(Row row, int width) {
    String[] values = new String[width];
    for (int k = 0; k < width; k++) {
      Cell cell = row == null ? null : row.getCell(k);
      if (cell == null) {
        values[k] = "";
      } else if (cell.getCellType() == CellType.STRING) {
        values[k] = cell.getStringCellValue();
      } else if (DateUtil.isCellDateFormatted(cell)) {
        values[k] = LocalDate.from(cell.getLocalDateTimeCellValue()).format(DAY_MONTH_YEAR);
      } else {
        double number = cell.getNumericCellValue();
        assertThat(number).isEqualTo(Math.rint(number));
        values[k] = String.valueOf((long) number);
      }
    }
    return List.of(values);
  }

  private static Cell findNumeric(int column, double atLeast) {
    for (Row row : sheet) {
      Cell cell = row.getCell(column);
      if (cell != null && cell.getCellType() == CellType.NUMERIC && cell.getNumericCellValue() >= atLeast) {
        return cell;
      }
    }
    throw new AssertionError("no numeric cell >= " + atLeast + " in column " + column);
  }
}
