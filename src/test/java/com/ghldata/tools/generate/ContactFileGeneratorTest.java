package com.ghldata.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ContactFileGeneratorTest {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  @TempDir Path dir;

  @Test
  void theSameSeedWritesByteIdenticalCsvFiles() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    new ContactFileGenerator(42).writeCsv(a, 1000, Layout.PORTUGUESE, ';', StandardCharsets.UTF_8);
    new ContactFileGenerator(42).writeCsv(b, 1000, Layout.PORTUGUESE, ';', StandardCharsets.UTF_8);

    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void differentSeedsWriteDifferentRows() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    new ContactFileGenerator(1).writeCsv(a, 500, Layout.ENGLISH, ',', StandardCharsets.UTF_8);
    new ContactFileGenerator(2).writeCsv(b, 500, Layout.ENGLISH, ',', StandardCharsets.UTF_8);

    List<CSVRecord> ra = parse(a, ',', StandardCharsets.UTF_8);
    List<CSVRecord> rb = parse(b, ',', StandardCharsets.UTF_8);
    assertThat(ra.get(0).toList()).isEqualTo(rb.get(0).toList()); // the header
    int same = 0;
    for (int i = 1; i < ra.size(); i++) {
      same += ra.get(i).toList().equals(rb.get(i).toList()) ? 1 : 0;
    }
    assertThat(same).as("rows that two seeds happen to share (blank rows)").isLessThan(25);
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void everyWrittenRecordIsTheRowOfItsIndex(Layout layout) throws IOException {
    ContactFileGenerator generator = new ContactFileGenerator(7);
    Path file = dir.resolve(layout + ".csv");
    generator.writeCsv(file, 600, layout, ',', StandardCharsets.UTF_8);

    List<CSVRecord> records = parse(file, ',', StandardCharsets.UTF_8);
    assertThat(records).hasSize(601);
    assertThat(records.get(0).toList()).isEqualTo(generator.header(layout));
    for (int i = 0; i < 600; i++) {
      assertThat(records.get(i + 1).values()).as("row %d", i).containsExactly(generator.row(i, layout));
    }
  }

  @ParameterizedTest
  @CsvSource({"UTF-8, ','", "UTF-8, ';'", "windows-1252, ';'", "UTF-16LE, '\t'", "UTF-8, '|'"})
  void recordsSurviveEveryCharsetAndDelimiter(String charsetName, char delimiter) throws IOException {
    Charset charset = Charset.forName(charsetName);
    ContactFileGenerator generator = new ContactFileGenerator(99);
    Path file = dir.resolve("c.csv");
    generator.writeCsv(file, 600, Layout.GOOGLE, delimiter, charset);

    List<CSVRecord> records = parse(file, delimiter, charset);
    assertThat(records).hasSize(601);
    for (int i = 0; i < 600; i++) {
      assertThat(records.get(i + 1).values()).as("row %d", i).containsExactly(generator.row(i, Layout.GOOGLE));
    }
  }

  @Test
  void utf16FilesStartWithAByteOrderMarkAndUtf8FilesDoNot() throws IOException {
    Path utf16 = dir.resolve("16.csv");
    Path utf8 = dir.resolve("8.csv");
    new ContactFileGenerator(3).writeCsv(utf16, 10, Layout.ENGLISH, ',', StandardCharsets.UTF_16LE);
    new ContactFileGenerator(3).writeCsv(utf8, 10, Layout.ENGLISH, ',', StandardCharsets.UTF_8);

    byte[] b16 = Files.readAllBytes(utf16);
    assertThat(b16[0]).isEqualTo((byte) 0xFF);
    assertThat(b16[1]).isEqualTo((byte) 0xFE);
    assertThat(b16[2]).isEqualTo((byte) 'F');
    assertThat(b16[3]).isZero();
    assertThat(new String(Files.readAllBytes(utf8), StandardCharsets.UTF_8)).startsWith("First Name,Last Name,Email");
  }

  @Test
  void windows1252FilesCarryAccentsAsSingleBytes() throws IOException {
    Path file = dir.resolve("w.csv");
    new ContactFileGenerator(5).writeCsv(file, 0, Layout.PORTUGUESE, ';', WINDOWS_1252);

    byte[] bytes = Files.readAllBytes(file);
    // "Endereço": ç is 0xE7 in windows-1252 (two bytes in UTF-8)
    assertThat(new String(bytes, WINDOWS_1252)).startsWith("Nome completo;E-mail;Telefone;Celular;Empresa;Endereço;");
    assertThat(bytes).contains((byte) 0xE7);
  }

  @Test
  void recordsEndWithCrLfAndOnlyFieldsThatNeedItAreQuoted() throws IOException {
    Path file = dir.resolve("q.csv");
    new ContactFileGenerator(11).writeCsv(file, 2000, Layout.PORTUGUESE, ',', StandardCharsets.UTF_8);

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).startsWith("Nome completo,E-mail,Telefone,Celular,Empresa,Endereço,Cidade,UF,CEP,"
        + "Data de Nascimento,Tags,Origem,Observações\r\n");
    assertThat(text).endsWith("\r\n");
    assertThat(text).contains("\r\n,,,,,,,,,,,,\r\n"); // a blank row
    assertThat(text).contains("\"Rua ").doesNotContain("\"São Paulo\"");
  }

  @Test
  void aRowIsTheSameWhicheverRowsWereGeneratedBefore() {
    ContactFileGenerator first = new ContactFileGenerator(2024);
    String[] direct = first.row(54_321, Layout.HUBSPOT);

    ContactFileGenerator second = new ContactFileGenerator(2024);
    for (int i = 0; i < 100; i++) {
      second.row(i, Layout.HUBSPOT);
    }
    assertThat(second.row(54_321, Layout.HUBSPOT)).containsExactly(direct);
    assertThat(second.row(54_321, Layout.PORTUGUESE)).hasSize(13);
  }

  @Test
  void everyLayoutHasItsToolsColumnNames() {
    ContactFileGenerator generator = new ContactFileGenerator(1);

    assertThat(generator.header(Layout.PORTUGUESE)).contains("Nome completo", "E-mail", "Telefone", "Celular", "CEP", "UF");
    assertThat(generator.header(Layout.ENGLISH))
        .containsExactly("First Name", "Last Name", "Email", "Phone", "Company", "Address", "City", "State", "Zip", "Country", "Tags");
    assertThat(generator.header(Layout.SPANISH))
        .containsExactly("Nombre", "Apellido", "Correo", "Teléfono", "Empresa", "Dirección", "Ciudad", "Estado", "Código Postal", "País");
    assertThat(generator.header(Layout.GOOGLE)).startsWith("First Name", "Middle Name", "Last Name")
        .contains("Organization Name", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value");
    assertThat(generator.header(Layout.OUTLOOK)).contains("E-mail Address", "Mobile Phone", "Business Phone", "Company", "Business City");
    assertThat(generator.header(Layout.HUBSPOT)).startsWith("Record ID", "First Name", "Last Name", "Email", "Phone Number")
        .contains("State/Region", "Postal Code", "Country/Region");
    assertThat(generator.header(Layout.RDSTATION))
        .containsExactly("Email", "Nome", "Telefone", "Celular", "Empresa", "Cidade", "Estado", "Tags");
    for (Layout layout : Layout.values()) {
      assertThat(generator.row(0, layout)).as("%s", layout).hasSize(generator.header(layout).size());
    }
  }

  @Test
  void googleWritesTheAddressBlockOnSeveralLinesAndLabelsWithItsSystemGroup() {
    ContactFileGenerator generator = new ContactFileGenerator(8);
    int formatted = generator.header(Layout.GOOGLE).indexOf("Address 1 - Formatted");
    int labels = generator.header(Layout.GOOGLE).indexOf("Labels");
    boolean multiLine = false;
    for (int i = 0; i < 200; i++) {
      String[] row = generator.row(i, Layout.GOOGLE);
      multiLine |= row[formatted].contains("\n");
      if (!row[labels].isEmpty()) {
        assertThat(row[labels]).endsWith("* myContacts");
      }
    }
    assertThat(multiLine).isTrue();
  }

  @Test
  void refusesArgumentsThatCannotBeWritten() {
    ContactFileGenerator generator = new ContactFileGenerator(1);
    Path file = dir.resolve("x");

    assertThatThrownBy(() -> generator.writeCsv(file, -1, Layout.ENGLISH, ',', StandardCharsets.UTF_8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> generator.writeCsv(file, 1, Layout.ENGLISH, '"', StandardCharsets.UTF_8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delimiter");
    assertThatThrownBy(() -> generator.writeXlsx(file, 1_048_576, Layout.ENGLISH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1048575");
    assertThatThrownBy(() -> generator.row(-1, Layout.ENGLISH)).isInstanceOf(IllegalArgumentException.class);
    assertThat(file).doesNotExist();
  }

  static List<CSVRecord> parse(Path file, char delimiter, Charset charset) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, charset)) {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
      try (CSVParser parser = format.parse(reader)) {
        return new ArrayList<>(parser.getRecords());
      }
    }
  }
}
