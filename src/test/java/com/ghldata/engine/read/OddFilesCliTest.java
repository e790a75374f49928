package com.ghldata.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd but real files through the whole command line: the user sees the product's own words and
 * nothing from the libraries underneath.
 */
class OddFilesCliTest {
  @TempDir
  Path dir;

  @Test
  void aWorkbookPoiComplainsAboutConvertsWithOnlyTheProductsSummaryLine() throws Exception {
    Path input = ReadFixtures.write(dir, "contatos.xlsx", ReadFixtures.xlsxPoiComplainsAbout());
    Path output = dir.resolve("out.csv");

    Run run = convert(input.toString(), "-o", output.toString());

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.err).isEmpty();
    assertThat(run.out.strip()).startsWith("1 rows in, 1 rows out").doesNotContain("\n");
    assertThat(Files.readString(output)).contains("Ana,Silva,ana@example.com");
  }

  @Test
  void anExcel95WorkbookConverts() throws Exception {
    Path input = ReadFixtures.write(dir, "antigo.xls", Biff5Fixtures.workbook(new Biff5Fixtures.Sheet("Plan1")
        .label(0, 0, "Nome").label(0, 1, "E-mail").label(0, 2, "Celular")
        .label(1, 0, "JOÃO DA CONCEIÇÃO").label(1, 1, "joao@example.com")
        .number(1, 2, 11987654321d, Biff5Fixtures.GENERAL)));
    Path output = dir.resolve("antigo.csv");

    Run run = convert(input.toString(), "-o", output.toString());

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.err).isEmpty();
    assertThat(Files.readString(output)).contains("João,da Conceição,joao@example.com,+5511987654321");
  }

  @Test
  void poisLoggerReachesLogbackAndIsOff() {
    // POI logs through log4j-api; the bridge hands it to logback, whose configuration turns it off.
    assertThat(LogManager.getLogger("org.apache.poi.openxml4j.opc.PackageRelationshipCollection").isErrorEnabled())
        .isFalse();
    assertThat(LogManager.getLogger("com.ghldata.engine.Converter").isInfoEnabled()).isTrue();
  }

  private record Run(int exit, String out, String err) {}

  /** Runs {@code convert} with System.out and System.err captured: logback writes to the current System.err. */
  static Run convert(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "convert";
      System.arraycopy(args, 0, all, 1, args.length);
      int exit = Main.run(all);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
