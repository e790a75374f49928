package com.ghldata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One real export layout per fixture, converted and compared byte for byte with the reviewed
 * expected output in golden/expected. After a deliberate change of behaviour, regenerate with
 * {@code mvn test -Dtest=GoldenFileTest -Dgolden.update=true} and review the diff before committing.
 */
class GoldenFileTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path EXPECTED = GOLDEN.resolve("expected");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TempDir
  Path tmp;

  static Stream<String> layouts() {
    return Stream.of("generic-pt", "generic-es", "google-current", "google-legacy", "outlook", "hubspot",
        "mailchimp", "rdstation", "pipedrive-en", "pipedrive-pt");
  }

  @ParameterizedTest(name = "{0}.csv")
  @MethodSource("layouts")
  void csvExportConvertsToTheExpectedGhlCsv(String layout) throws Exception {
    var out = Conversions.convert(GOLDEN.resolve(layout + ".csv"), Conversions.options());

    check(layout + ".ghl.csv", out.csv());
    check(layout + ".rejects.csv", out.rejects());
  }

  @ParameterizedTest(name = "{0} as xlsx")
  @ValueSource(strings = {"generic-pt", "google-current", "hubspot"})
  void theSameContactsSavedAsXlsxGiveTheSameBytes(String layout) throws Exception {
    Path xlsx = WorkbookFixtures.xlsx(GOLDEN.resolve(layout + ".csv"), delimiter(layout), tmp.resolve(layout + ".xlsx"));

    var out = Conversions.convert(xlsx, Conversions.options());

    assertThat(out.report().asMap()).containsEntry("format", "xlsx").containsEntry("sheet", "Contatos");
    assertThat(out.csv()).isEqualTo(expected(layout + ".ghl.csv"));
  }

  @Test
  void theSameContactsSavedAsLegacyXlsGiveTheSameBytes() throws Exception {
    Path xls = WorkbookFixtures.xls(GOLDEN.resolve("generic-pt.csv"), ';', tmp.resolve("generic-pt.xls"));

    var out = Conversions.convert(xls, Conversions.options());

    assertThat(out.report().asMap()).containsEntry("format", "xls");
    assertThat(out.csv()).isEqualTo(expected("generic-pt.ghl.csv"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UTF-8", "UTF-8 BOM", "windows-1252", "UTF-16LE BOM", "UTF-16BE BOM"})
  void everyEncodingOfTheSameContactsGivesTheSameOutput(String encoding) throws Exception {
    String text = Files.readString(GOLDEN.resolve("generic-pt.csv"), StandardCharsets.UTF_8).replace("\uFEFF", "");
    boolean bom = encoding.endsWith(" BOM");
    Charset cs = Charset.forName(encoding.replace(" BOM", ""));
    Path file = tmp.resolve("contatos.csv");
    Files.write(file, ((bom ? "\uFEFF" : "") + text).getBytes(cs));

    var out = Conversions.convert(file, Conversions.options());

    assertThat(out.csv()).isEqualTo(expected("generic-pt.ghl.csv"));
    assertThat(out.report().asMap()).containsEntry("delimiter", ";");
  }

  private static char delimiter(String layout) {
    return layout.equals("generic-pt") ? ';' : ',';
  }

  private static void check(String name, String actual) throws IOException {
    Path file = EXPECTED.resolve(name);
    if (UPDATE) {
      Files.createDirectories(EXPECTED);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as(name).isEqualTo(expected(name));
  }

  private static String expected(String name) throws IOException {
    return Files.readString(EXPECTED.resolve(name), StandardCharsets.UTF_8);
  }
}
