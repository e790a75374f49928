package com.ghldata.engine.read;

import static com.ghldata.engine.read.ReadFixtures.Row;
import static com.ghldata.engine.read.ReadFixtures.readAll;
import static com.ghldata.engine.read.ReadFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader is chosen by the bytes of the upload, whatever its name says. */
class SpreadsheetReadersTest {
  @TempDir
  Path dir;

  @Test
  void aWorkbookNamedCsvIsReadAsXlsx() throws Exception {
    byte[] xlsx = ReadFixtures.xlsx(wb -> wb.createSheet("S").createRow(0).createCell(0).setCellValue("email"));
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "export.csv", xlsx), null, ReadLimits.DEFAULT)) {
      assertThat(reader.info().format()).isEqualTo("xlsx");
      assertThat(readAll(reader)).containsExactly(Row.of(1, "email"));
    }
  }

  @Test
  void csvTextNamedXlsIsReadAsCsv() throws Exception {
    byte[] csv = "nome;email\nAna;ana@x.com\n".getBytes(StandardCharsets.UTF_8);
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "relatorio.xls", csv), null, ReadLimits.DEFAULT)) {
      assertThat(reader.info().format()).isEqualTo("csv");
      assertThat(readAll(reader)).containsExactly(Row.of(1, "nome", "email"), Row.of(2, "Ana", "ana@x.com"));
    }
  }

  @Test
  void anOldExcelFileNamedXlsxIsReadAsXls() throws Exception {
    byte[] xls = ReadFixtures.xls(wb -> wb.createSheet("S").createRow(0).createCell(0).setCellValue("email"));
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "new.xlsx", xls), null, ReadLimits.DEFAULT)) {
      assertThat(reader.info().format()).isEqualTo("xls");
    }
  }

  @Test
  void anEmptyFileIsRefused() throws Exception {
    ReadFixtures.assertRefused(write(dir, "empty.xlsx", new byte[0]))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.EMPTY_FILE);
  }

  @Test
  void randomBytesNamedXlsxAreNotASpreadsheet() throws Exception {
    byte[] junk = new byte[8192];
    new Random(1).nextBytes(junk);
    junk[0] = 0x05; // neither "PK" nor OLE2 by chance
    ReadFixtures.assertRefused(write(dir, "contacts.xlsx", junk))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void aZipHeaderFollowedByJunkIsCorrupt() throws Exception {
    byte[] junk = new byte[2048];
    new Random(3).nextBytes(junk);
    junk[0] = 'P';
    junk[1] = 'K';
    junk[2] = 3;
    junk[3] = 4;
    ReadFixtures.assertRefused(write(dir, "broken.xlsx", junk))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void anExcel4WorkbookIsRefusedSayingWhatItIsAndHowToSaveIt() throws Exception {
    // BIFF4: a bare record stream starting with its BOF (sid 0x0409, 6 bytes: version, type worksheet, 0).
    byte[] biff4 = {0x09, 0x04, 6, 0, 0, 0, 0x10, 0, 0, 0, 0x0A, 0, 0, 0};
    ReadFixtures.assertRefused(write(dir, "planilha.xls", biff4))
        .hasMessageContaining("Excel 2.x-4.0").hasMessageContaining("save it as .xlsx")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void anEmptyZipIsNotASpreadsheet() throws Exception {
    byte[] emptyZip = ReadFixtures.zip(new LinkedHashMap<>());
    ReadFixtures.assertRefused(write(dir, "empty.xlsx", emptyZip))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }
}
