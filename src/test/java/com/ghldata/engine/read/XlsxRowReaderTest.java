package com.ghldata.engine.read;

import static com.ghldata.engine.read.ReadFixtures.Row;
import static com.ghldata.engine.read.ReadFixtures.readAll;
import static com.ghldata.engine.read.ReadFixtures.sharedStringsXml;
import static com.ghldata.engine.read.ReadFixtures.sheetXml;
import static com.ghldata.engine.read.ReadFixtures.write;
import static com.ghldata.engine.read.ReadFixtures.xlsxWithParts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghldata.engine.ConversionError;
import com.ghldata.engine.ConversionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

class XlsxRowReaderTest {
  @TempDir
  Path dir;

  /** An empty first sheet, then contacts as a Brazilian user would type them. */
  private static byte[] contactsWorkbook() throws IOException {
    return ReadFixtures.xlsx(workbook -> {
      workbook.createSheet("Vazia");
      XSSFSheet sheet = workbook.createSheet("Contatos");
      CellStyle date = style(workbook, "dd/mm/yyyy");
      CellStyle dateTime = style(workbook, "dd/mm/yyyy hh:mm");
      CellStyle cep = style(workbook, "00000-000");
      CellStyle money = style(workbook, "#,##0.00");
      CellStyle scientific = style(workbook, "0.00E+00");

      XSSFRow header = sheet.createRow(0);
      String[] names = {"Nome", "Telefone", "Nascimento", "Total", "Ativo", "CEP", "Cadastro"};
      for (int i = 0; i < names.length; i++) {
        header.createCell(i).setCellValue(names[i]);
      }
      XSSFRow ana = sheet.createRow(1);
      ana.createCell(0).setCellValue("Ana");
      ana.createCell(1).setCellValue(5511987654321d);
      ana.createCell(2).setCellValue(LocalDateTime.of(1990, 12, 31, 0, 0));
      ana.getCell(2).setCellStyle(date);
      ana.createCell(3).setCellFormula("1234.5*2");
      ana.getCell(3).setCellStyle(money);
      ana.createCell(4).setCellValue(true);
      ana.createCell(5).setCellValue(1310100);
      ana.getCell(5).setCellStyle(cep);
      ana.createCell(6).setCellValue(LocalDateTime.of(2024, 3, 5, 14, 30));
      ana.getCell(6).setCellStyle(dateTime);

      XSSFRow bia = sheet.createRow(2); // Telefone and Nascimento left blank
      bia.createCell(0).setCellValue("Bia");
      bia.createCell(3).setCellFormula("0.1+0.2");
      bia.createCell(4).setCellValue(false);

      XSSFRow caio = sheet.createRow(4); // row 4 does not exist at all
      caio.createCell(0).setCellFormula("\"Caio\"&\" \"&\"Souza\"");
      caio.createCell(1).setCellValue(5511912345678d);
      caio.getCell(1).setCellStyle(scientific);
      caio.createCell(3).setCellValue(-1234.5678);
      workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
    });
  }

  private static CellStyle style(XSSFWorkbook workbook, String format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(workbook.createDataFormat().getFormat(format));
    return style;
  }

  private List<Row> readContacts() throws Exception {
    return readAll(write(dir, "contatos.xlsx", contactsWorkbook()));
  }

  @Test
  void theFirstNonEmptySheetIsReadAndAllSheetsAreListed() throws Exception {
    try (XlsxRowReader reader = XlsxRowReader.open(write(dir, "c.xlsx", contactsWorkbook()), null, ReadLimits.DEFAULT)) {
      assertThat(reader.info()).isEqualTo(new SourceInfo("xlsx", null, null, "Contatos", List.of("Vazia", "Contatos")));
      assertThat(readAll(reader)).hasSize(4);
    }
  }

  @Test
  void everyCellComesOutAsTheUserSeesItWithPhonesAndDatesMadeSafe() throws Exception {
    assertThat(readContacts()).containsExactly(
        Row.of(1, "Nome", "Telefone", "Nascimento", "Total", "Ativo", "CEP", "Cadastro"),
        Row.of(2, "Ana", "5511987654321", "1990-12-31", "2,469.00", "TRUE", "01310-100", "2024-03-05 14:30:00"),
        Row.of(3, "Bia", "", "", "0.3", "FALSE"),
        Row.of(5, "Caio Souza", "5511912345678", "", "-1234.5678"));
  }

  @Test
  void aSheetIsChosenByNameIgnoringCase() throws Exception {
    Path file = write(dir, "c.xlsx", contactsWorkbook());
    try (RowReader reader = SpreadsheetReaders.open(file, "vazia", ReadLimits.DEFAULT)) {
      assertThat(reader.info().sheet()).isEqualTo("Vazia");
      assertThat(readAll(reader)).isEmpty();
    }
  }

  @Test
  void anUnknownSheetNameIsRefusedWithTheSheetsThereAre() throws Exception {
    Path file = write(dir, "c.xlsx", contactsWorkbook());
    assertThatThrownBy(() -> SpreadsheetReaders.open(file, "Clientes", ReadLimits.DEFAULT))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("Clientes").hasMessageContaining("Vazia, Contatos")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.SHEET_NOT_FOUND);
  }

  @Test
  void aHiddenSheetWithDataIsPassedOverForAVisibleOne() throws Exception {
    byte[] workbook = ReadFixtures.xlsx(wb -> {
      wb.createSheet("Lookup").createRow(0).createCell(0).setCellValue("internal");
      wb.createSheet("Contacts").createRow(0).createCell(0).setCellValue("email");
      wb.setSheetVisibility(0, SheetVisibility.HIDDEN);
    });
    try (RowReader reader = SpreadsheetReaders.open(write(dir, "h.xlsx", workbook), null, ReadLimits.DEFAULT)) {
      assertThat(reader.info().sheet()).isEqualTo("Contacts");
    }
  }

  @Test
  void handWrittenSheetXmlWithEveryCellType() throws Exception {
    String sheet = sheetXml(
        "<row r=\"1\">"
            + "<c r=\"A1\" t=\"inlineStr\"><is><t>inline</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><r><t>rich </t></r><r><t>text</t></r><rPh><t>フリガナ</t></rPh></is></c>"
            + "<c r=\"C1\" t=\"str\"><f>A1</f><v>formula text</v></c>"
            + "<c r=\"D1\" t=\"b\"><v>1</v></c>"
            + "<c r=\"E1\" t=\"e\"><v>#N/A</v></c>"
            + "<c r=\"F1\" t=\"d\"><v>2024-01-31T00:00:00Z</v></c>"
            + "<c r=\"G1\" t=\"s\"><v>0</v></c>"
            + "<c r=\"H1\"><v>1.0E+20</v></c>"
            + "</row>"
            + "<row><c t=\"inlineStr\"><is><t>no refs</t></is></c><c><v>42</v></c></row>"
            + "<row r=\"7\"><c r=\"B7\" s=\"0\"/><c r=\"C7\"><f>X</f></c></row>"); // styled blanks only: no row
    String strings = sharedStringsXml("line one_x000D__x000A_line two");
    List<Row> rows = readAll(write(dir, "types.xlsx", xlsxWithParts(sheet, strings)));
    assertThat(rows).containsExactly(
        Row.of(1, "inline", "rich text", "formula text", "TRUE", "#N/A", "2024-01-31", "line one\r\nline two",
            "100000000000000000000"),
        Row.of(2, "no refs", "42"));
  }

  @Test
  void prefixedSheetAndSharedStringsReadLikeUnprefixedOnes() throws Exception {
    // Some non-Excel writers (Open XML SDK, .NET exporters) bind the main namespace to a prefix.
    String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<x:worksheet xmlns:x=\"" + ReadFixtures.MAIN_NS + "\"><x:sheetData><x:row r=\"2\">"
        + "<x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c>"
        + "<x:c r=\"C2\" t=\"inlineStr\"><x:is><x:t>inline</x:t></x:is></x:c>"
        + "<x:c r=\"D2\"><x:v>5511987654321</x:v></x:c>"
        + "</x:row></x:sheetData></x:worksheet>";
    String strings = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<x:sst xmlns:x=\"" + ReadFixtures.MAIN_NS + "\" count=\"1\" uniqueCount=\"1\">"
        + "<x:si><x:t>shared</x:t></x:si></x:sst>";
    List<Row> rows = readAll(write(dir, "prefixed.xlsx", xlsxWithParts(sheet, strings)));
    assertThat(rows).containsExactly(Row.of(2, "shared", "", "inline", "5511987654321"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      line one_x000A_line two | line one{LF}line two
      snake_case_name         | snake_case_name
      a__x0041_               | a_A
      ends with _             | ends with _
      _x                      | _x
      no escape at all        | no escape at all
      """)
  void anInlineStringsEscapesAreDecodedAndOtherUnderscoresKept(String raw, String expected) {
    assertThat(XlsxSharedStrings.unescape(new StringBuilder(raw))).isEqualTo(expected.replace("{LF}", "\n"));
  }

  @Test
  void aCellsAttributesFromAnotherNamespaceDoNotStandForItsOwn() throws Exception {
    // An extension attribute named like r, t or s (here from a made-up namespace) is not the cell's.
    String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<worksheet xmlns=\"" + ReadFixtures.MAIN_NS + "\" xmlns:ext=\"urn:example:ext\"><sheetData>"
        + "<row r=\"1\"><c r=\"B1\" ext:r=\"Z1\" t=\"inlineStr\" ext:t=\"n\" ext:s=\"7\"><is><t>inline</t></is></c>"
        + "<c s=\"0\" t=\"s\" r=\"D1\" ext:r=\"A1\" ext:t=\"inlineStr\"><v>0</v></c></row></sheetData></worksheet>";
    List<Row> rows = readAll(write(dir, "ext.xlsx", xlsxWithParts(sheet, sharedStringsXml("shared"))));
    assertThat(rows).containsExactly(Row.of(1, "", "inline", "", "shared"));
  }

  @Test
  void anOversizedSharedStringIsCutWhereTheSheetUsesIt() throws Exception {
    String huge = incompressible(1 << 20); // a repetitive one would trip the zip-bomb guard first
    byte[] unused = xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
        sharedStringsXml("small", huge));
    ReadFixtures.Read notUsed = ReadFixtures.readWithCuts(write(dir, "unused.xlsx", unused), ReadLimits.DEFAULT);
    assertThat(notUsed.rows()).containsExactly(Row.of(1, "small"));
    assertThat(notUsed.cuts()).isEmpty();

    byte[] used = xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
        + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c></row>"
        + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c></row>"), sharedStringsXml("small", huge));
    ReadFixtures.Read read = ReadFixtures.readWithCuts(write(dir, "used.xlsx", used), ReadLimits.DEFAULT);
    assertThat(read.rows()).containsExactly(Row.of(1, "small"),
        Row.of(2, "small", huge.substring(0, ReadLimits.DEFAULT.maxCellChars())), Row.of(3, "small"));
    assertThat(read.cuts()).containsExactly("2.1");
  }

  @Test
  void aOneMegabyteInlineCellIsCutAndItsRowKept() throws Exception {
    String huge = incompressible(1 << 20);
    byte[] xlsx = xlsxWithParts(sheetXml("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Ana</t></is></c>"
        + "<c r=\"B3\" t=\"inlineStr\"><is><t>" + huge + "</t></is></c></row>"
        + "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Bia</t></is></c></row>"), null);

    ReadFixtures.Read read = ReadFixtures.readWithCuts(write(dir, "big.xlsx", xlsx), ReadLimits.DEFAULT);

    assertThat(read.rows()).containsExactly(Row.of(3, "Ana", huge.substring(0, ReadLimits.DEFAULT.maxCellChars())),
        Row.of(4, "Bia"));
    assertThat(read.cuts()).containsExactly("3.1");
  }

  /**
   * Escaped line breaks take seven raw characters for one: a cell of them is held only as far as
   * the limit needs, and cut there; an emoji at the cut is left out whole, in a shared string too.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aCellOfEscapesIsCutAfterDecodingAndNeverHalvesAnEmoji(boolean shared) throws Exception {
    String escapes = "_x000D_".repeat(100); // far past what a limit of 5 holds: 49 raw characters
    String emoji = "abcd\uD83D\uDE00" + "e".repeat(100);
    byte[] xlsx = shared
        ? xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"),
            sharedStringsXml(escapes, emoji))
        : xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + escapes + "</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t>" + emoji + "</t></is></c></row>"), null);

    ReadFixtures.Read read = ReadFixtures.readWithCuts(write(dir, "escapes.xlsx", xlsx), new ReadLimits(8, 5));

    assertThat(read.rows()).containsExactly(Row.of(1, "\r".repeat(5), "abcd"));
    assertThat(read.cuts()).containsExactlyInAnyOrder("1.0", "1.1");
  }

  @Test
  void tenThousandColumnsAreRefused() throws Exception {
    StringBuilder row = new StringBuilder("<row r=\"1\">");
    for (int i = 0; i < 10_000; i++) {
      row.append("<c r=\"").append(XlsxSheetHandler.columnName(i)).append("1\"><v>").append(i).append("</v></c>");
    }
    byte[] xlsx = xlsxWithParts(sheetXml(row.append("</row>").toString()), null);
    ReadFixtures.assertRefused(write(dir, "wide.xlsx", xlsx))
        .hasMessageContaining("Row 1").hasMessageContaining("AMK") // column 1025
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.TOO_MANY_COLUMNS);
  }

  @Test
  void styledBlankCellsFarToTheRightDoNotCountAsColumns() throws Exception {
    byte[] xlsx = xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\" s=\"0\"/></row>"), null);
    assertThat(readAll(write(dir, "styled.xlsx", xlsx))).containsExactly(Row.of(1, "1"));
  }

  @Test
  void anExternalEntityInTheSheetIsRefusedAndNeverRead() throws Exception {
    Path secret = secretFile();
    String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<worksheet xmlns=\"" + ReadFixtures.MAIN_NS + "\"><sheetData><row r=\"1\">"
        + "<c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>";
    assertUnsafeAndSecretNeverRead(xlsxWithParts(sheet, null), secret);
  }

  @Test
  void anExternalEntityInTheSharedStringsIsRefusedAndNeverRead() throws Exception {
    Path secret = secretFile();
    String strings = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<sst xmlns=\"" + ReadFixtures.MAIN_NS + "\" count=\"1\" uniqueCount=\"1\"><si><t>&xxe;</t></si></sst>";
    byte[] xlsx = xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), strings);
    assertUnsafeAndSecretNeverRead(xlsx, secret);
  }

  @Test
  void aParameterEntityFetchingAnExternalDtdIsRefused() throws Exception {
    Path secret = secretFile();
    Path dtd = write(dir, "evil.dtd",
        ("<!ENTITY % file SYSTEM \"" + secret.toUri() + "\"><!ENTITY leak \"%file;\">").getBytes(StandardCharsets.UTF_8));
    String sheet = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY % remote SYSTEM \"" + dtd.toUri()
        + "\"> %remote;]><worksheet xmlns=\"" + ReadFixtures.MAIN_NS + "\"><sheetData><row r=\"1\">"
        + "<c r=\"A1\" t=\"inlineStr\"><is><t>&leak;</t></is></c></row></sheetData></worksheet>";
    assertUnsafeAndSecretNeverRead(xlsxWithParts(sheet, null), secret);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xl/workbook.xml", "xl/styles.xml"})
  void aDoctypeInAnyPartWeParseIsRefused(String part) throws Exception {
    Path secret = secretFile();
    byte[] xlsx = ReadFixtures.xlsx(wb -> wb.createSheet("Data").createRow(0).createCell(0).setCellValue("x"));
    String original = new String(ReadFixtures.entries(xlsx).get(part), StandardCharsets.UTF_8);
    String root = part.endsWith("workbook.xml") ? "workbook" : "styleSheet";
    String hostile = original.replaceFirst("<" + root,
        "<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><" + root);
    assertUnsafeAndSecretNeverRead(ReadFixtures.replaceEntry(xlsx, part, hostile.getBytes(StandardCharsets.UTF_8)), secret);
  }

  @Test
  void aDoctypeInThePackageManifestIsRefusedByPoiAsCorrupt() throws Exception {
    // [Content_Types].xml is parsed by POI itself (DOM, DOCTYPE disallowed): refused, but POI's
    // error cannot be told from other damage, so the code is CORRUPT_FILE rather than UNSAFE_XML.
    Path secret = secretFile();
    byte[] xlsx = ReadFixtures.xlsx(wb -> wb.createSheet("Data").createRow(0).createCell(0).setCellValue("x"));
    String manifest = new String(ReadFixtures.entries(xlsx).get("[Content_Types].xml"), StandardCharsets.UTF_8);
    String hostile = manifest.replaceFirst("<Types",
        "<!DOCTYPE Types [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><Types");
    List<Row> emitted = new ArrayList<>();
    ReadFixtures.assertRefused(write(dir, "manifest.xlsx",
            ReadFixtures.replaceEntry(xlsx, "[Content_Types].xml", hostile.getBytes(StandardCharsets.UTF_8))),
        ReadLimits.DEFAULT, emitted)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("TOP-SECRET"))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
    assertThat(emitted).isEmpty();
  }

  @Test
  void datesOfA1904WorkbookCountFrom1904() throws Exception {
    byte[] xlsx = ReadFixtures.xlsx(wb -> {
      wb.getCTWorkbook().addNewWorkbookPr().setDate1904(true);
      Cell cell = wb.createSheet("Data").createRow(0).createCell(0);
      cell.setCellValue(1);
      cell.setCellStyle(style(wb, "dd/mm/yyyy"));
    });
    assertThat(readAll(write(dir, "mac.xlsx", xlsx))).containsExactly(Row.of(1, "1904-01-02"));
  }

  @Test
  void billionLaughsIsRefusedBeforeAnyExpansion() throws Exception {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String sheet = "<?xml version=\"1.0\"?>" + dtd + "]><worksheet xmlns=\"" + ReadFixtures.MAIN_NS
        + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>";
    ReadFixtures.assertRefused(write(dir, "lol.xlsx", xlsxWithParts(sheet, null)))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.UNSAFE_XML);
  }

  @Test
  void poisOwnXmlReaderDoesNotResolveExternalEntitiesEither() throws Exception {
    // The defence SafeXml starts from: POI's hardened reader, unmodified, must refuse the payload.
    Path secret = secretFile();
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><r>&xxe;</r>";
    StringBuilder seen = new StringBuilder();
    XMLReader reader = XMLHelper.newXMLReader();
    reader.setContentHandler(new DefaultHandler() {
      @Override
      public void characters(char[] ch, int start, int length) {
        seen.append(ch, start, length);
      }
    });
    assertThatThrownBy(() -> reader.parse(new InputSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(SAXParseException.class);
    assertThat(seen.toString()).doesNotContain("TOP-SECRET");
  }

  @Test
  void aZipBombIsRefusedQuicklyAndFromASmallFile() throws Exception {
    Path bomb = dir.resolve("bomb.xlsx");
    ReadFixtures.writeZipBomb(bomb, 500); // 500 MiB of XML
    assertThat(Files.size(bomb)).isLessThan(2L << 20);
    long start = System.nanoTime();
    ReadFixtures.assertRefused(bomb)
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.ZIP_BOMB);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void theZipBombFixtureIsAWellFormedZipSoItIsRefusedForItsRatioAlone() throws Exception {
    Path small = dir.resolve("small-bomb.xlsx");
    ReadFixtures.writeZipBomb(small, 2);
    byte[] sheet = ReadFixtures.entries(Files.readAllBytes(small)).get("xl/worksheets/sheet1.xml"); // CRC checked
    assertThat(sheet.length).isGreaterThan(2 << 20);
    assertThat(new String(sheet, StandardCharsets.UTF_8)).endsWith("</sheetData></worksheet>");
    ReadFixtures.assertRefused(small)
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.ZIP_BOMB);
  }

  @Test
  void aTruncatedWorkbookIsCorrupt() throws Exception {
    byte[] whole = contactsWorkbook();
    byte[] half = Arrays.copyOf(whole, whole.length / 2);
    ReadFixtures.assertRefused(write(dir, "cut.xlsx", half))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void aWorkbookWithADamagedSheetEntryIsCorrupt() throws Exception {
    byte[] xlsx = xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c>"), null); // unclosed row
    ReadFixtures.assertRefused(write(dir, "bad.xlsx", xlsx))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void aSheetPointingAtAMissingSharedStringIsCorrupt() throws Exception {
    byte[] xlsx = xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>"),
        sharedStringsXml("only one"));
    ReadFixtures.assertRefused(write(dir, "missing.xlsx", xlsx))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void cellsWithAnEmptyStyleAttributeReadAsUnstyled() throws Exception {
    // Some exporters write s="" for "no style"; Excel and LibreOffice read it as the default style.
    String sheet = sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\" s=\"\"><v>0</v></c><c r=\"B1\" s=\"\"><v>15</v></c>"
        + "<c r=\"C1\" s=\"\" t=\"inlineStr\"><is><t>Ana</t></is></c></row>");
    assertThat(readAll(write(dir, "unstyled.xlsx", xlsxWithParts(sheet, sharedStringsXml("Nome")))))
        .containsExactly(Row.of(1, "Nome", "15", "Ana"));
  }

  @Test
  void aWorkbookZippedAgainByHandIsReadDespiteTheFilesItPickedUp() throws Exception {
    // Unzipped, edited and zipped again on a Mac or Windows: Finder and Explorer files with no
    // content type in the manifest, which POI alone refuses as a broken package.
    Map<String, byte[]> parts = ReadFixtures.entries(
        xlsxWithParts(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Nome</t></is></c></row>"), null));
    parts.put("xl/.DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
    parts.put("xl/worksheets/Thumbs.db", new byte[16]);
    assertThat(readAll(write(dir, "rezipped.xlsx", ReadFixtures.zip(parts)))).containsExactly(Row.of(1, "Nome"));
  }

  @Test
  void aWorkbookWhoseMainPartHasNoContentTypeIsCorrupt() throws Exception {
    Map<String, byte[]> parts = ReadFixtures.entries(xlsxWithParts(sheetXml(""), null));
    String types = new String(parts.get("[Content_Types].xml"), StandardCharsets.UTF_8)
        .replaceAll("<Default [^>]*Extension=\"xml\"/>", "")
        .replaceAll("<Override [^>]*PartName=\"/xl/workbook.xml\"/>", "");
    parts.put("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8));
    ReadFixtures.assertRefused(write(dir, "untyped.xlsx", ReadFixtures.zip(parts)))
        .hasMessageContaining("main part")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.CORRUPT_FILE);
  }

  @Test
  void aZipThatIsNotAWorkbookIsNotASpreadsheet() throws Exception {
    byte[] zip = ReadFixtures.zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
    ReadFixtures.assertRefused(write(dir, "archive.xlsx", zip))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void aWordDocumentRenamedXlsxIsNotASpreadsheet() throws Exception {
    ByteArrayOutputStream docx = new ByteArrayOutputStream();
    try (XWPFDocument document = new XWPFDocument()) {
      document.createParagraph().createRun().setText("Nome: Ana");
      document.write(docx);
    }
    ReadFixtures.assertRefused(write(dir, "letter.xlsx", docx.toByteArray()))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void anOpenDocumentSpreadsheetIsRefusedWithAHint() throws Exception {
    byte[] ods = ReadFixtures.zip(Map.of(
        "mimetype", "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII),
        "content.xml", "<office:document-content/>".getBytes(StandardCharsets.UTF_8)));
    ReadFixtures.assertRefused(write(dir, "calc.ods", ods))
        .hasMessageContaining(".ods")
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.NOT_A_SPREADSHEET);
  }

  @Test
  void theRowHandlersOwnFailureIsNotDisguisedAsACorruptFile() throws Exception {
    Path file = write(dir, "c.xlsx", contactsWorkbook());
    try (RowReader reader = SpreadsheetReaders.open(file, null, ReadLimits.DEFAULT)) {
      assertThatThrownBy(() -> reader.read((number, cells) -> {
        throw new IllegalStateException("engine bug");
      })).isInstanceOf(IllegalStateException.class).hasMessage("engine bug");
    }
  }

  @Test
  void theHandlerCanStopTheRead() throws Exception {
    Path file = write(dir, "c.xlsx", contactsWorkbook());
    try (RowReader reader = SpreadsheetReaders.open(file, null, ReadLimits.DEFAULT)) {
      List<Integer> seen = new ArrayList<>();
      reader.read((number, cells) -> seen.add(number) && false);
      assertThat(seen).containsExactly(1);
    }
  }

  private static String incompressible(int length) {
    Random random = new Random(11);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private Path secretFile() throws IOException {
    return write(dir, "secret.txt", "TOP-SECRET-7f3a".getBytes(StandardCharsets.UTF_8));
  }

  private void assertUnsafeAndSecretNeverRead(byte[] xlsx, Path secret) throws IOException {
    List<Row> emitted = new ArrayList<>();
    ReadFixtures.assertRefused(write(dir, "xxe.xlsx", xlsx), ReadLimits.DEFAULT, emitted)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("TOP-SECRET"))
        .extracting(e -> ((ConversionException) e).error()).isEqualTo(ConversionError.UNSAFE_XML);
    assertThat(emitted.toString()).doesNotContain("TOP-SECRET");
    assertThat(Files.readString(secret)).contains("TOP-SECRET"); // the payload did point at a real file
  }
}
