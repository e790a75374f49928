package com.ghldata.engine.read;

import static com.ghldata.engine.read.ReadFixtures.Row;
import static com.ghldata.engine.read.ReadFixtures.readAll;
import static com.ghldata.engine.read.ReadFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Excel 5.0/95 workbooks, built record by record by {@link Biff5Fixtures}. */
class Biff5RowReaderTest {
  @TempDir
  Path dir;

  /** An empty first sheet, then contacts with every kind of cell the format stores a value in. */
  private static Biff5Fixtures.Sheet[] contactSheets() {
    Biff5Fixtures.Sheet contatos = new Biff5Fixtures.Sheet("Contatos")
        .label(0, 0, "Nome").label(0, 1, "E-mail").label(0, 2, "Telefone").label(0, 3, "Nascimento")
        .label(0, 4, "Cadastro").label(0, 5, "Ativo").label(0, 6, "Cidade")
        .label(1, 0, "João Conceição").label(1, 1, "joao@example.com")
        .number(1, 2, 5511987654321d, Biff5Fixtures.GENERAL).number(1, 3, 33238, Biff5Fixtures.CUSTOM_DATE)
        .number(1, 4, 45356, Biff5Fixtures.BUILTIN_DATE).bool(1, 5, true).formulaString(1, 6, "São Paulo")
        .label(3, 0, "Bia").rk(3, 2, 98765432)
        .mulRk(4, 4, 1, 2, 3);
    return new Biff5Fixtures.Sheet[] {new Biff5Fixtures.Sheet("Vazia"), contatos};
  }

  @Test
  void anExcel95WorkbookIsReadLikeAnyXls() throws Exception {
    Path file = write(dir, "antigo.xls", Biff5Fixtures.workbook(contactSheets()));
    try (RowReader reader = SpreadsheetReaders.open(file, null, ReadLimits.DEFAULT)) {
      assertThat(reader.info()).isEqualTo(new SourceInfo("xls", null, null, "Contatos", List.of("Vazia", "Contatos")));
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "Nome", "E-mail", "Telefone", "Nascimento", "Cadastro", "Ativo", "Cidade"),
          Row.of(2, "João Conceição", "joao@example.com", "5511987654321", "1990-12-31", "2024-03-05", "TRUE",
              "São Paulo"),
          Row.of(4, "Bia", "", "98765432"),
          Row.of(5, "", "", "", "", "1", "2", "3"));
    }
  }

  /** BIFF5 caps a string at 255 bytes: only a limit below that cuts one, as a lower limit would. */
  @Test
  void aCellOverTheLimitIsCutAndItsRowKept() throws Exception {
    Biff5Fixtures.Sheet sheet = new Biff5Fixtures.Sheet("Contatos").label(0, 0, "Nome").label(0, 1, "Notas")
        .label(1, 0, "Ana").label(1, 1, "uma nota longa demais").label(2, 0, "Bia").label(2, 1, "curta");
    Path file = write(dir, "antigo.xls", Biff5Fixtures.workbook(sheet));

    ReadFixtures.Read read = ReadFixtures.readWithCuts(file, new ReadLimits(16, 8));

    assertThat(read.rows()).containsExactly(Row.of(1, "Nome", "Notas"), Row.of(2, "Ana", "uma nota"),
        Row.of(3, "Bia", "curta"));
    assertThat(read.cuts()).containsExactly("2.1");
  }

  @Test
  void anExcel95StreamUnderTheExcel97NameIsReadToo() throws Exception {
    byte[] file = Biff5Fixtures.inOle2("Workbook", Biff5Fixtures.bookStream(List.of(), contactSheets()));
    assertThat(readAll(write(dir, "renomeado.xls", file))).first().isEqualTo(
        Row.of(1, "Nome", "E-mail", "Telefone", "Nascimento", "Cadastro", "Ativo", "Cidade"));
  }

  @Test
  void aSheetIsChosenByNameAndAnUnknownOneIsRefusedWithTheSheetsThereAre() throws Exception {
    Path file = write(dir, "antigo.xls", Biff5Fixtures.workbook(contactSheets()));
    try (RowReader reader = SpreadsheetReaders.open(file, "vazia", ReadLimits.DEFAULT)) {
      assertThat(reader.info().sheet()).isEqualTo("Vazia");
      assertThat(readAll(reader)).isEmpty();
    }
    assertThatThrownBy(() -> SpreadsheetReaders.open(file, "Clientes", ReadLimits.DEFAULT).close())
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("Vazia, Contatos")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.SHEET_NOT_FOUND);
  }

  @Test
  void aHiddenSheetWithDataIsPassedOverForAVisibleOne() throws Exception {
    byte[] file = Biff5Fixtures.workbook(new Biff5Fixtures.Sheet("Oculta", true).label(0, 0, "segredo"),
        new Biff5Fixtures.Sheet("Dados").label(0, 0, "Nome"));
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "h.xls", file), null, ReadLimits.DEFAULT)) {
      assertThat(reader.info().sheet()).isEqualTo("Dados");
    }
  }

  @Test
  void anEncryptedExcel95WorkbookIsEncrypted() throws Exception {
    byte[] file = Biff5Fixtures.inOle2("Book", Biff5Fixtures.bookStream(List.of(Biff5Fixtures.filePass()),
        contactSheets()));
    ReadFixtures.assertRefused(write(dir, "senha.xls", file))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.ENCRYPTED_FILE);
  }

  @Test
  void aTruncatedExcel95StreamIsCorrupt() throws Exception {
    byte[] stream = Biff5Fixtures.bookStream(List.of(), contactSheets());
    byte[] cut = Arrays.copyOf(stream, stream.length - 30); // inside the last sheet's records
    ReadFixtures.assertRefused(write(dir, "cortado.xls", Biff5Fixtures.inOle2("Book", cut)))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void aRecordShorterThanItsFieldsIsCorrupt() throws Exception {
    byte[] file = Biff5Fixtures.workbook(new Biff5Fixtures.Sheet("Dados").label(0, 0, "Nome")
        .raw(0x0204, new byte[] {1, 0, 0, 0, 0, 0, 40, 0, 'A'})); // a label of 40 characters holding one
    ReadFixtures.assertRefused(write(dir, "curto.xls", file))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void aValueBeyondTheColumnLimitIsRefused() throws Exception {
    byte[] file = Biff5Fixtures.workbook(new Biff5Fixtures.Sheet("Dados").label(0, 0, "Nome").label(0, 200, "x"));
    ReadFixtures.assertRefused(write(dir, "largo.xls", file), new ReadLimits(100, 1000), new java.util.ArrayList<>())
        .hasMessageContaining("column GS")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.TOO_MANY_COLUMNS);
  }

  @Test
  void anExcel97StreamUnderTheExcel95NameIsCorruptNotMisread() throws Exception {
    byte[] stream = Biff5Fixtures.bookStream(List.of(), contactSheets());
    stream[4] = 0x00; // the globals' BOF version: 0x0600, BIFF8
    stream[5] = 0x06;
    ReadFixtures.assertRefused(write(dir, "misto.xls", Biff5Fixtures.inOle2("Book", stream)))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void theHandlerCanStopTheRead() throws Exception {
    Path file = write(dir, "antigo.xls", Biff5Fixtures.workbook(contactSheets()));
    List<Integer> seen = new java.util.ArrayList<>();
    try (RowReader reader = SpreadsheetReaders.open(file, null, ReadLimits.DEFAULT)) {
      reader.read((number, cells) -> {
        seen.add(number);
        return false;
      });
    }
    assertThat(seen).containsExactly(1);
  }
}
