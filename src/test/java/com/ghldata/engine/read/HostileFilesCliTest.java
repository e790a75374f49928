package com.ghldata.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghldata.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile files through the whole command line, as a user would feed them: each ends with exit 3
 * and one line naming its stable error code, never a stack trace, and leaves no output file behind.
 */
class HostileFilesCliTest {
  @TempDir
  static Path dir;

  interface Maker {
    Path make(Path dir) throws Exception;
  }

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        Arguments.of("empty file", (Maker) d -> ReadFixtures.write(d, "empty.csv", new byte[0]), "empty_file"),
        Arguments.of("header only", (Maker) d -> ReadFixtures.write(d, "header.csv",
            "Nome,E-mail,Telefone\r\n".getBytes(StandardCharsets.UTF_8)), "no_data_rows"),
        Arguments.of("binary junk named .csv", (Maker) d -> {
          byte[] junk = new byte[64 * 1024];
          new Random(7).nextBytes(junk);
          return ReadFixtures.write(d, "junk.csv", junk);
        }, "not_a_spreadsheet"),
        Arguments.of("an .xlsx that is not a zip", (Maker) d -> {
          byte[] junk = new byte[4096];
          new Random(8).nextBytes(junk);
          junk[0] = 'X';
          return ReadFixtures.write(d, "contatos.xlsx", junk);
        }, "not_a_spreadsheet"),
        Arguments.of("zip bomb", (Maker) d -> {
          Path f = d.resolve("bomb.xlsx");
          ReadFixtures.writeZipBomb(f, 500);
          return f;
        }, "zip_bomb"),
        Arguments.of("XXE payload", (Maker) d -> ReadFixtures.write(d, "xxe.xlsx",
            ReadFixtures.xlsxWithExternalEntity("file:///etc/passwd")), "unsafe_xml"),
        Arguments.of("10,000 columns", (Maker) d -> ReadFixtures.write(d, "wide.csv",
            ("Nome" + ",x".repeat(9_999) + "\r\nAna" + ",1".repeat(9_999) + "\r\n").getBytes(StandardCharsets.UTF_8)),
            "too_many_columns"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFiles")
  void aHostileFileExitsThreeWithItsCodeAndNoOutput(String name, Maker maker, String code) throws Exception {
    Path input = maker.make(Files.createTempDirectory(dir, "case"));
    Path output = input.resolveSibling("out.csv");

    Run run = convert(input.toString(), "-o", output.toString());

    assertThat(run.exit).as(run.err).isEqualTo(3);
    assertThat(run.err.strip()).startsWith("error: " + code + ": ").doesNotContain("\n").doesNotContain("Exception");
    assertThat(output).doesNotExist();
  }

  /** A cell over the limit is no longer a reason to refuse the file: it is cut, and listed. */
  @org.junit.jupiter.api.Test
  void aOneMegabyteCellIsCutAndListedNotRefused() throws Exception {
    Path input = ReadFixtures.write(Files.createTempDirectory(dir, "bigcell"), "bigcell.csv",
        ("Nome,Notas\r\nAna," + "a".repeat(1 << 20) + "\r\nBia,ok\r\n").getBytes(StandardCharsets.UTF_8));
    Path output = input.resolveSibling("out.csv");
    Path issues = input.resolveSibling("issues.csv");

    Run run = convert(input.toString(), "-o", output.toString(), "--issues", issues.toString());

    assertThat(run.exit).as(run.err).isZero();
    assertThat(Files.readAllLines(output)).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("Ana,"))
        .anySatisfy(line -> assertThat(line).startsWith("Bia,"));
    assertThat(Files.readString(issues)).contains("2,Notas,").contains("cell_too_long");
  }

  @org.junit.jupiter.api.Test
  void invalidUtf8IsReadAsWindows1252NotRefused() throws Exception {
    Path input = ReadFixtures.write(Files.createTempDirectory(dir, "latin"), "latin.csv",
        "Nome;E-mail\r\nJos\u00e9 Concei\u00e7\u00e3o;jose@example.com\r\n".getBytes("windows-1252"));
    Path output = input.resolveSibling("out.csv");

    Run run = convert(input.toString(), "-o", output.toString(), "--report", input.resolveSibling("r.json").toString());

    assertThat(run.exit).as(run.err).isZero();
    assertThat(Files.readString(output)).contains("José,Conceição,jose@example.com");
    assertThat(Files.readString(input.resolveSibling("r.json"))).contains("\"encoding\" : \"windows-1252\"");
  }

  private record Run(int exit, String err) {}

  private static Run convert(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "convert";
      System.arraycopy(args, 0, all, 1, args.length);
      return new Run(Main.run(all), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
