package com.ghldata.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Saves a CSV fixture as a workbook the way Excel users have them: digit-only cells as numeric
 * cells (a phone 5511987654321 is a number in Excel) and dd/MM/yyyy dates as real date cells.
 */
final class WorkbookFixtures {
  private static final DateTimeFormatter BR_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

  private WorkbookFixtures() {}

  static Path xlsx(Path csv, char delimiter, Path out) throws IOException {
    return write(csv, delimiter, out, new XSSFWorkbook());
  }

  static Path xls(Path csv, char delimiter, Path out) throws IOException {
    return write(csv, delimiter, out, new HSSFWorkbook());
  }

  private static Path write(Path csv, char delimiter, Path out, Workbook wb) throws IOException {
    String text = Files.readString(csv, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<CSVRecord> records;
    try (CSVParser p = CSVParser.builder().setReader(new StringReader(text))
        .setFormat(CSVFormat.RFC4180.builder().setDelimiter(delimiter).get()).get()) {
      records = p.getRecords();
    }
    try (wb; OutputStream os = Files.newOutputStream(out)) {
      // An empty first sheet, as workbooks often have: the reader must skip to the first non-empty one.
      wb.createSheet("Capa");
      Sheet sheet = wb.createSheet("Contatos");
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
      for (int r = 0; r < records.size(); r++) {
        Row row = sheet.createRow(r);
        CSVRecord rec = records.get(r);
        for (int c = 0; c < rec.size(); c++) {
          String v = rec.get(c);
          if (v.isEmpty()) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (r > 0 && v.matches("[1-9][0-9]{6,14}")) {
            cell.setCellValue(Double.parseDouble(v));
          } else if (r > 0 && isBrDate(v)) {
            cell.setCellValue(LocalDate.parse(v, BR_DATE));
            cell.setCellStyle(dateStyle);
          } else {
            cell.setCellValue(v);
          }
        }
      }
      wb.write(os);
    }
    return out;
  }

  private static boolean isBrDate(String v) {
    try {
      LocalDate.parse(v, BR_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
