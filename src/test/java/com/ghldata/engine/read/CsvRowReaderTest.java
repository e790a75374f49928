package com.ghldata.engine.read;

import static com.ghldata.engine.read.ReadFixtures.Row;
import static com.ghldata.engine.read.ReadFixtures.readAll;
import static com.ghldata.engine.read.ReadFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvRowReaderTest {
  private static final String CONTACTS = "Nome,Email,Cidade\r\n"
      + "José da Silva,jose@example.com,São Paulo\r\n"
      + "\"Conceição, Maria\",maria@example.com,Brasília\r\n";
  private static final List<Row> CONTACT_ROWS = List.of(
      Row.of(1, "Nome", "Email", "Cidade"),
      Row.of(2, "José da Silva", "jose@example.com", "São Paulo"),
      Row.of(3, "Conceição, Maria", "maria@example.com", "Brasília"));

  @TempDir
  Path dir;

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of("UTF-8", bytes(CONTACTS, StandardCharsets.UTF_8)),
        Arguments.of("UTF-8 (BOM)", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            bytes(CONTACTS, StandardCharsets.UTF_8))),
        Arguments.of("UTF-16LE", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes(CONTACTS, StandardCharsets.UTF_16LE))),
        Arguments.of("UTF-16BE", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, bytes(CONTACTS, StandardCharsets.UTF_16BE))),
        Arguments.of("UTF-16LE", bytes(CONTACTS, StandardCharsets.UTF_16LE)), // no BOM: NUL pattern
        Arguments.of("UTF-16BE", bytes(CONTACTS, StandardCharsets.UTF_16BE)),
        Arguments.of("windows-1252", bytes(CONTACTS, Charset.forName("windows-1252"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void everyEncodingGivesTheSameRows(String expectedEncoding, byte[] content) throws Exception {
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "contacts.csv", content), ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).isEqualTo(CONTACT_ROWS);
      assertThat(reader.info()).isEqualTo(new SourceInfo("csv", expectedEncoding, ",", null, List.of()));
    }
  }

  @Test
  void bytesThatAreNotUtf8AreReadAsWindows1252() throws Exception {
    // 0xE9 é, 0xE7 ç, 0xE3 ã, 0x80 € (the euro sign is where windows-1252 differs from Latin-1)
    byte[] content = {'J', 'o', 's', (byte) 0xE9, ',', 'A', (byte) 0xE7, (byte) 0xE3, 'o', ',', (byte) 0x80, '5', '\n'};
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "latin.csv", content), ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(Row.of(1, "José", "Ação", "€5"));
      assertThat(reader.info().encoding()).isEqualTo("windows-1252");
    }
  }

  @Test
  void aUtf8CharacterCutByTheEndOfTheExaminedPrefixStillCountsAsUtf8() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes(bytes("nome\n", StandardCharsets.US_ASCII));
    byte[] line = bytes("a".repeat(99) + "\n", StandardCharsets.US_ASCII);
    while (text.size() + line.length < TextSniffer.PREFIX_BYTES - 100) {
      text.writeBytes(line);
    }
    while (text.size() < TextSniffer.PREFIX_BYTES - 1) {
      text.write('a');
    }
    text.writeBytes(bytes("ão\n", StandardCharsets.UTF_8)); // "ã" is bytes PREFIX-1 and PREFIX: cut in two
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "long.csv", text.toByteArray()), ReadLimits.DEFAULT)) {
      assertThat(reader.info().encoding()).isEqualTo("UTF-8");
      List<Row> rows = readAll(reader);
      assertThat(rows.get(rows.size() - 1).cells().get(0)).endsWith("aão");
    }
  }

  @Test
  void brazilianExcelCsvUsesSemicolonsAndDecimalCommas() throws Exception {
    String csv = "Nome;Telefone;Valor;Cidade\r\n"
        + "João;(11) 98765-4321;1.234,56;São Paulo\r\n"
        + "Ana;11 3456-7890;10,5;Rio de Janeiro\r\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "br.csv", bytes(csv, Charset.forName("windows-1252"))),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "Nome", "Telefone", "Valor", "Cidade"),
          Row.of(2, "João", "(11) 98765-4321", "1.234,56", "São Paulo"),
          Row.of(3, "Ana", "11 3456-7890", "10,5", "Rio de Janeiro"));
      assertThat(reader.info().delimiter()).isEqualTo(";");
      assertThat(reader.info().encoding()).isEqualTo("windows-1252");
    }
  }

  @Test
  void tabSeparatedValuesWithCommasInsideCells() throws Exception {
    String tsv = "name\taddress\tphone\nAna\tRua A, 10\t1199\nBia\tRua B, 20\t1188\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "x.tsv", bytes(tsv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "name", "address", "phone"),
          Row.of(2, "Ana", "Rua A, 10", "1199"),
          Row.of(3, "Bia", "Rua B, 20", "1188"));
      assertThat(reader.info().delimiter()).isEqualTo("\t");
    }
  }

  @Test
  void pipeSeparatedValues() throws Exception {
    String psv = "name|email\nAna|ana@x.com\nBia|bia@x.com\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "x.txt", bytes(psv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "name", "email"), Row.of(2, "Ana", "ana@x.com"), Row.of(3, "Bia", "bia@x.com"));
      assertThat(reader.info().delimiter()).isEqualTo("|");
    }
  }

  @Test
  void semicolonsInsideQuotesDoNotMakeThemTheDelimiter() throws Exception {
    String csv = "name,notes\n\"Ana\",\"a;b;c\"\n\"Bia\",\"d;e\"\n\"Caio\",\"f;g;h;i\"\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "q.csv", bytes(csv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(reader.info().delimiter()).isEqualTo(",");
      assertThat(readAll(reader)).contains(Row.of(2, "Ana", "a;b;c"));
    }
  }

  @Test
  void quotedNewlinesStayInTheCellAndRowsAreNumberedByRecord() throws Exception {
    String csv = "name,notes,phone\r\nAna,\"first line\r\nsecond line\",1199\r\nBia,\"say \"\"hi\"\"\",1188\r\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "nl.csv", bytes(csv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "name", "notes", "phone"),
          Row.of(2, "Ana", "first line\r\nsecond line", "1199"),
          Row.of(3, "Bia", "say \"hi\"", "1188"));
    }
  }

  @Test
  void raggedRowsComeWithTheCellsTheyHave() throws Exception {
    String csv = "a,b,c\n1,2\n1,2,3,4\n\n5,6,7\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "ragged.csv", bytes(csv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "a", "b", "c"),
          Row.of(2, "1", "2"),
          Row.of(3, "1", "2", "3", "4"),
          Row.of(4, ""),
          Row.of(5, "5", "6", "7"));
    }
  }

  @Test
  void titleAndBlankRowsAreEmittedForTheEngineToSkip() throws Exception {
    String csv = "Relatório de contatos\n\nnome;email\nAna;ana@x.com\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "title.csv", bytes(csv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "Relatório de contatos"), Row.of(2, ""), Row.of(3, "nome", "email"), Row.of(4, "Ana", "ana@x.com"));
      assertThat(reader.info().delimiter()).isEqualTo(";");
    }
  }

  @Test
  void aOneColumnFileIsReadWithCommaAsDelimiter() throws Exception {
    String csv = "email\nana@x.com\nbia@x.com";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "one.csv", bytes(csv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(Row.of(1, "email"), Row.of(2, "ana@x.com"), Row.of(3, "bia@x.com"));
      assertThat(reader.info().delimiter()).isEqualTo(",");
    }
  }

  @Test
  void anExcelSepLineChoosesTheDelimiter() throws Exception {
    String csv = "sep=;\nname;city,state\nAna;Rio,RJ\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "sep.csv", bytes(csv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(reader.info().delimiter()).isEqualTo(";");
      assertThat(readAll(reader)).contains(Row.of(3, "Ana", "Rio,RJ"));
    }
  }

  @Test
  void sloppyQuotingIsKeptRatherThanRefused() throws Exception {
    String csv = "a,b\n\"quoted\"tail,x\nmid\"quote,y\n\"unclosed,z";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "sloppy.csv", bytes(csv, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).containsExactly(
          Row.of(1, "a", "b"), Row.of(2, "quotedtail", "x"), Row.of(3, "mid\"quote", "y"), Row.of(4, "unclosed,z"));
    }
  }

  @Test
  void theHandlerCanStopTheRead() throws Exception {
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "c.csv", bytes(CONTACTS, StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      List<Integer> seen = new ArrayList<>();
      reader.read((number, cells) -> seen.add(number) && number < 2);
      assertThat(seen).containsExactly(1, 2);
    }
  }

  @Test
  void anEmptyFileIsRefused() throws Exception {
    assertThatThrownBy(() -> CsvRowReader.open(write(dir, "empty.csv", new byte[0]), ReadLimits.DEFAULT))
        .isInstanceOf(ConversionException.class)
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.EMPTY_FILE);
  }

  @Test
  void aFileOfOnlyAByteOrderMarkIsEmpty() throws Exception {
    Path bomOnly = write(dir, "bom.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    assertThatThrownBy(() -> CsvRowReader.open(bomOnly, ReadLimits.DEFAULT))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.EMPTY_FILE);
  }

  @Test
  void tenThousandColumnsAreRefusedWithTheRowNumber() throws Exception {
    StringBuilder csv = new StringBuilder("a,b\n1,2\n");
    for (int i = 0; i < 10_000; i++) {
      csv.append(i == 0 ? "" : ",").append('c').append(i);
    }
    csv.append('\n');
    Path file = write(dir, "wide.csv", bytes(csv.toString(), StandardCharsets.UTF_8));
    List<Row> emitted = new ArrayList<>();
    ReadFixtures.assertRefused(file, ReadLimits.DEFAULT, emitted)
        .hasMessageContaining("Row 3").hasMessageContaining("1024")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.TOO_MANY_COLUMNS);
    assertThat(emitted).allSatisfy(row -> assertThat(row.cells()).hasSizeLessThanOrEqualTo(2));
  }

  @Test
  void exactlyTheColumnLimitIsAccepted() throws Exception {
    String csv = "a,b,c\n1,2,3\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "three.csv", bytes(csv, StandardCharsets.UTF_8)),
        new ReadLimits(3, 10))) {
      assertThat(readAll(reader)).hasSize(2);
    }
    Path four = write(dir, "four.csv", bytes("a,b,c\n1,2,3,4\n", StandardCharsets.UTF_8));
    ReadFixtures.assertRefused(four, new ReadLimits(3, 10), new ArrayList<>())
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.TOO_MANY_COLUMNS);
  }

  @Test
  void aOneMegabyteCellIsCutToTheLimitAndItsRowKept() throws Exception {
    String csv = "name,notes\nAna," + "x".repeat(1 << 20) + "\nBia,ok\n";
    Path file = write(dir, "big.csv", bytes(csv, StandardCharsets.UTF_8));

    ReadFixtures.Read read = ReadFixtures.readWithCuts(file, ReadLimits.DEFAULT);

    assertThat(read.rows()).containsExactly(Row.of(1, "name", "notes"),
        Row.of(2, "Ana", "x".repeat(ReadLimits.DEFAULT.maxCellChars())), Row.of(3, "Bia", "ok"));
    assertThat(read.cuts()).containsExactly("2.1");
  }

  /**
   * A quoted note of delimiters, line ends and escaped quotes, after a record that hands the file to
   * Commons CSV: the guard cuts it before the parser holds it, and the rows after it keep their numbers.
   */
  @Test
  void aHugeQuotedCellFullOfDelimitersAndNewlinesIsCutOnTheCommonsCsvPathToo() throws Exception {
    String csv = "name,notes\n\"Sloppy\"tail,x\nAna,\"" + "a,b\n\"\"".repeat(200_000) + "\"\nBia,\"ok\nok\"\n";
    Path file = write(dir, "bigquoted.csv", bytes(csv, StandardCharsets.UTF_8));

    ReadFixtures.Read read = ReadFixtures.readWithCuts(file, ReadLimits.DEFAULT);

    String kept = "a,b\n\"".repeat(200_000).substring(0, ReadLimits.DEFAULT.maxCellChars());
    assertThat(read.rows()).containsExactly(Row.of(1, "name", "notes"), Row.of(2, "Sloppytail", "x"),
        Row.of(3, "Ana", kept), Row.of(4, "Bia", "ok\nok"));
    assertThat(read.cuts()).containsExactly("3.1");
  }

  /** A record over the fast path's longest buffer (4 MiB) goes to Commons CSV, whose guard cuts it. */
  @Test
  void aCellLongerThanTheFastPathsBufferIsCutByTheGuard() throws Exception {
    String csv = "name,notes,email\nAna," + "é".repeat(3 << 20) + ",ana@example.com\nBia,ok,bia@example.com\n";
    Path file = write(dir, "huge.csv", bytes(csv, StandardCharsets.UTF_8));

    ReadFixtures.Read read = ReadFixtures.readWithCuts(file, new ReadLimits(8, 100));

    assertThat(read.rows()).containsExactly(Row.of(1, "name", "notes", "email"),
        Row.of(2, "Ana", "é".repeat(100), "ana@example.com"), Row.of(3, "Bia", "ok", "bia@example.com"));
    assertThat(read.cuts()).containsExactly("2.1");
  }

  @Test
  void aCellOfExactlyTheLimitIsAccepted() throws Exception {
    String csv = "a,\"" + "\"\"".repeat(5) + "\"\n" + "b,12345\n";
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "limit.csv", bytes(csv, StandardCharsets.UTF_8)),
        new ReadLimits(5, 5))) {
      assertThat(readAll(reader)).containsExactly(Row.of(1, "a", "\"\"\"\"\""), Row.of(2, "b", "12345"));
    }
  }

  @Test
  void binaryJunkNamedCsvIsNotASpreadsheet() throws Exception {
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    junk[0] = 'x'; // not a zip or OLE2 signature by chance
    ReadFixtures.assertRefused(write(dir, "contacts.csv", junk))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void textWithNulBytesEverywhereIsNotASpreadsheet() throws Exception {
    byte[] content = bytes("name,email\nana,ana@x.com\n", StandardCharsets.US_ASCII);
    byte[] withNuls = new byte[content.length * 3];
    for (int i = 0; i < content.length; i++) {
      withNuls[i * 3] = content[i]; // a NUL pattern that is not UTF-16's every-other byte
    }
    ReadFixtures.assertRefused(write(dir, "nuls.csv", withNuls))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void aPdfNamedCsvIsNotASpreadsheet() throws Exception {
    ReadFixtures.assertRefused(write(dir, "x.csv", bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n", StandardCharsets.ISO_8859_1)))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void aFewStrayNulsInALargeExportAreTolerated() throws Exception {
    StringBuilder csv = new StringBuilder("name,email\n");
    for (int i = 0; i < 200; i++) {
      csv.append("contact").append(i).append(",c").append(i).append("@example.com\n");
    }
    csv.append("tail\0,x\n");
    try (CsvRowReader reader = CsvRowReader.open(write(dir, "nul.csv", bytes(csv.toString(), StandardCharsets.UTF_8)),
        ReadLimits.DEFAULT)) {
      assertThat(readAll(reader)).hasSize(202);
    }
  }

  /**
   * Thousands of plain rows (the fast path's), a sloppy one that hands the rest of the file to
   * Commons CSV, more rows, then a cell over the limit: every row keeps its number across the
   * hand-over, in a file that starts with a byte-order mark, and the cut is told for the right row.
   */
  @Test
  void rowsKeepTheirNumbersWhenCommonsCsvTakesOverDeepInTheFile() throws Exception {
    StringBuilder csv = new StringBuilder("\uFEFFNome;E-mail;Cidade\r\n");
    for (int i = 2; i <= 5_000; i++) {
      csv.append("Pessoa ").append(i).append(";p").append(i).append("@example.com;\"São Paulo; SP\"\r\n");
    }
    csv.append("\"Sloppy\"tail;s@example.com;Recife\r\n"); // row 5001: text after a closing quote
    for (int i = 5_002; i <= 5_010; i++) {
      csv.append("Pessoa ").append(i).append(";p").append(i).append("@example.com;Natal\r\n");
    }
    Path file = write(dir, "handover.csv", bytes(csv.toString(), StandardCharsets.UTF_8));
    try (CsvRowReader reader = CsvRowReader.open(file, ReadLimits.DEFAULT)) {
      List<Row> rows = readAll(reader);
      assertThat(rows).hasSize(5_010);
      assertThat(rows.get(4_998)).isEqualTo(Row.of(4_999, "Pessoa 4999", "p4999@example.com", "São Paulo; SP"));
      assertThat(rows.get(5_000)).isEqualTo(Row.of(5_001, "Sloppytail", "s@example.com", "Recife"));
      assertThat(rows.get(5_009)).isEqualTo(Row.of(5_010, "Pessoa 5010", "p5010@example.com", "Natal"));
    }

    csv.append("Ana;ana@example.com;").append("x".repeat(40_000)).append("\r\n"); // row 5011
    csv.append("Bia;bia@example.com;Natal\r\n");
    Path cut = write(dir, "handover-big.csv", bytes(csv.toString(), StandardCharsets.UTF_8));
    ReadFixtures.Read read = ReadFixtures.readWithCuts(cut, ReadLimits.DEFAULT);
    assertThat(read.rows()).hasSize(5_012);
    assertThat(read.rows().get(5_010))
        .isEqualTo(Row.of(5_011, "Ana", "ana@example.com", "x".repeat(ReadLimits.DEFAULT.maxCellChars())));
    assertThat(read.rows().get(5_011)).isEqualTo(Row.of(5_012, "Bia", "bia@example.com", "Natal"));
    assertThat(read.cuts()).containsExactly("5011.2");
  }

  private static byte[] bytes(String text, Charset charset) {
    return text.getBytes(charset);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
