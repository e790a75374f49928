package com.ghldata.engine.read;

import static com.ghldata.engine.read.ReadFixtures.Row;
import static com.ghldata.engine.read.ReadFixtures.readAll;
import static com.ghldata.engine.read.ReadFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsRowReaderTest {
  @TempDir
  Path dir;

  private static byte[] contactsWorkbook() throws IOException {
    return ReadFixtures.xls(workbook -> {
      workbook.createSheet("Vazia");
      HSSFSheet sheet = workbook.createSheet("Contatos");
      CellStyle date = style(workbook, "dd/mm/yyyy");
      CellStyle cep = style(workbook, "00000-000");

      HSSFRow header = sheet.createRow(0);
      String[] names = {"Nome", "Telefone", "Nascimento", "Total", "Ativo", "CEP"};
      for (int i = 0; i < names.length; i++) {
        header.createCell(i).setCellValue(names[i]);
      }
      HSSFRow ana = sheet.createRow(1);
      ana.createCell(0).setCellValue("Ana");
      ana.createCell(1).setCellValue(5511987654321d);
      ana.createCell(2).setCellValue(LocalDateTime.of(1990, 12, 31, 0, 0));
      ana.getCell(2).setCellStyle(date);
      ana.createCell(3).setCellFormula("1234.5*2");
      ana.createCell(4).setCellValue(true);
      ana.createCell(5).setCellValue(1310100);
      ana.getCell(5).setCellStyle(cep);

      HSSFRow bia = sheet.createRow(3); // row 3 missing; Telefone and Nascimento blank
      bia.createCell(0).setCellValue("Bia");
      bia.createCell(3).setCellFormula("0.1+0.2");
      workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
    });
  }

  private static CellStyle style(HSSFWorkbook workbook, String format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(workbook.createDataFormat().getFormat(format));
    return style;
  }

  /** Excel keeps at most 32,767 characters in a cell, so the limit is set below a note POI can write. */
  @Test
  void aCellOverTheLimitIsCutAndItsRowKept() throws Exception {
    String note = "nota " + "x".repeat(4_000) + "\uD83D\uDE00";
    byte[] xls = ReadFixtures.xls(workbook -> {
      HSSFSheet sheet = workbook.createSheet("Contatos");
      for (int r = 0; r < 2_002; r++) {
        HSSFRow row = sheet.createRow(r);
        row.createCell(0).setCellValue(r == 0 ? "Nome" : "Pessoa " + r);
        row.createCell(1).setCellValue(r == 0 ? "Notas" : r == 2_000 ? note : "ok");
      }
    });
    ReadLimits limits = new ReadLimits(16, 1_000);

    ReadFixtures.Read read = ReadFixtures.readWithCuts(write(dir, "nota.xls", xls), limits);

    assertThat(read.rows()).hasSize(2_002);
    assertThat(read.rows().get(2_000)).isEqualTo(Row.of(2_001, "Pessoa 2000", note.substring(0, 1_000)));
    assertThat(read.rows().get(2_001)).isEqualTo(Row.of(2_002, "Pessoa 2001", "ok"));
    assertThat(read.cuts()).containsExactly("2001.1");
    // An emoji at the cut is left out whole.
    assertThat(ReadFixtures.readWithCuts(write(dir, "nota.xls", xls), new ReadLimits(16, note.length() - 1))
        .rows().get(2_000).cells().get(1)).isEqualTo(note.substring(0, note.length() - 2));
  }

  @Test
  void cellsFollowTheSameRulesAsXlsx() throws Exception {
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "c.xls", contactsWorkbook()), null, ReadLimits.DEFAULT)) {
      assertThat(reader.info()).isEqualTo(new SourceInfo("xls", null, null, "Contatos", List.of("Vazia", "Contatos")));
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "Nome", "Telefone", "Nascimento", "Total", "Ativo", "CEP"),
          Row.of(2, "Ana", "5511987654321", "1990-12-31", "2469", "TRUE", "01310-100"),
          Row.of(4, "Bia", "", "", "0.3"));
    }
  }

  @Test
  void aSheetIsChosenByNameIgnoringCase() throws Exception {
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "c.xls", contactsWorkbook()), "VAZIA", ReadLimits.DEFAULT)) {
      assertThat(reader.info().sheet()).isEqualTo("Vazia");
      assertThat(readAll(reader)).isEmpty();
    }
  }

  @Test
  void anUnknownSheetNameIsRefusedWithTheSheetsThereAre() throws Exception {
    Path file = write(dir, "c.xls", contactsWorkbook());
    assertThatThrownBy(() -> SpreadsheetReaders.open(file, "Clientes", ReadLimits.DEFAULT))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("Vazia, Contatos")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.SHEET_NOT_FOUND);
  }

  @Test
  void aValueBeyondTheColumnLimitIsRefused() throws Exception {
    Path file = write(dir, "c.xls", contactsWorkbook());
    ReadFixtures.assertRefused(file, new ReadLimits(5, 100), new ArrayList<>())
        .hasMessageContaining("Row 1").hasMessageContaining("column F")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.TOO_MANY_COLUMNS);
  }

  @Test
  void aPasswordProtectedXlsIsEncrypted() throws Exception {
    byte[] encrypted;
    Biff8EncryptionKey.setCurrentUserPassword("senha123");
    try {
      encrypted = contactsWorkbook();
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
    ReadFixtures.assertRefused(write(dir, "locked.xls", encrypted))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.ENCRYPTED_FILE);
  }

  @Test
  void aPasswordProtectedXlsxIsEncrypted() throws Exception {
    byte[] xlsx = ReadFixtures.xlsx(wb -> wb.createSheet("Data").createRow(0).createCell(0).setCellValue("x"));
    EncryptionInfo info = new EncryptionInfo(EncryptionMode.standard);
    Encryptor encryptor = info.getEncryptor();
    encryptor.confirmPassword("senha123");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      try (OutputStream data = encryptor.getDataStream(fs)) {
        data.write(xlsx);
      }
      fs.writeFilesystem(out);
    }
    ReadFixtures.assertRefused(write(dir, "locked.xlsx", out.toByteArray()))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.ENCRYPTED_FILE);
  }

  @Test
  void anOle2WithAnEncryptedPackageIsEncrypted() throws Exception {
    byte[] ole2 = ole2("EncryptionInfo", new byte[64], "EncryptedPackage", new byte[512]);
    ReadFixtures.assertRefused(write(dir, "looks-encrypted.xlsx", ole2))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.ENCRYPTED_FILE);
  }

  @Test
  void anOle2WordDocumentIsNotASpreadsheet() throws Exception {
    byte[] doc = ole2("WordDocument", new byte[1024], "1Table", new byte[256]);
    ReadFixtures.assertRefused(write(dir, "letter.xls", doc))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void anOle2HeaderFollowedByJunkIsCorrupt() throws Exception {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    System.arraycopy(magic, 0, junk, 0, magic.length);
    ReadFixtures.assertRefused(write(dir, "junk.xls", junk))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void aTruncatedXlsIsCorrupt() throws Exception {
    byte[] whole = contactsWorkbook();
    ReadFixtures.assertRefused(write(dir, "cut.xls", Arrays.copyOf(whole, whole.length / 2)))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void theHandlerCanStopTheRead() throws Exception {
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "c.xls", contactsWorkbook()), null, ReadLimits.DEFAULT)) {
      List<Integer> seen = new ArrayList<>();
      reader.read((number, cells) -> seen.add(number) && false);
      assertThat(seen).containsExactly(1);
    }
  }

  /** An OLE2 compound file holding the given streams (name, bytes, name, bytes...). */
  private static byte[] ole2(Object... streams) throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (int i = 0; i < streams.length; i += 2) {
        fs.createDocument(new ByteArrayInputStream((byte[]) streams[i + 1]), (String) streams[i]);
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }
}
