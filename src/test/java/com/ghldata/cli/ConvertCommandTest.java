package com.ghldata.cli;

import com.ghldata.Main;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConvertCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private Path contacts() throws Exception {
    Path in = dir.resolve("contatos.csv");
    Files.writeString(in, "Nome;E-mail;Telefone\nMaria;maria@example.com;(11) 98765-4321\n;;\n;sem-email;\n",
        StandardCharsets.UTF_8);
    return in;
  }

  @Test
  void convertsAFileAndPrintsAOneLineSummary() throws Exception {
    Path in = contacts();
    Path csv = dir.resolve("out.csv");
    Path report = dir.resolve("report.json");
    Path rejects = dir.resolve("rejects.csv");

    int code = run("convert", in.toString(), "-o", csv.toString(), "--report", report.toString(),
        "--rejects", rejects.toString(), "--tag", "importado");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("2 rows in, 1 rows out, 1 rejected, 0 duplicates merged, ");
    assertThat(Files.readString(csv)).contains("Maria,,maria@example.com,+5511987654321");
    assertThat(Files.readString(report)).contains("\"total_rows\" : 2", "\"delimiter\" : \";\"");
    assertThat(Files.readString(rejects)).contains("4,,sem-email,,missing_name_email_phone; invalid_email");
  }

  @Test
  void theIssuesAndRejectsFilesCanBeWrittenForAPortugueseSpreadsheet() throws Exception {
    Path in = dir.resolve("lista.csv");
    Files.writeString(in, "Nome;E-mail;Telefone\nMaria;maria@gmail.con;5,58199E+12\n;sem-email;\n", StandardCharsets.UTF_8);
    Path issues = dir.resolve("issues.csv");
    Path rejects = dir.resolve("rejects.csv");

    assertThat(run("convert", in.toString(), "-o", dir.resolve("o.csv").toString(), "--issues", issues.toString(),
        "--rejects", rejects.toString(), "--lang", "pt-BR")).isZero();

    byte[] bytes = Files.readAllBytes(issues);
    assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(text).startsWith("Linha;Coluna;Valor original;O que foi feito;Motivo;Sugestão;Código\n".replace("\n", "\r\n"))
        .contains("2;E-mail;maria@gmail.con;retirado do arquivo GHL;provável erro de digitação no domínio do e-mail;"
            + "maria@gmail.com;email_domain_typo")
        .contains("2;Telefone;5,58199E+12;retirado do arquivo GHL;telefone destruído pela notação científica;");
    assertThat(Files.readString(rejects)).startsWith("\uFEFFLinha;Nome;E-mail;Telefone;Motivos")
        .contains("3;;sem-email;;\"sem nome, e-mail ou telefone; e-mail inválido\"");
  }

  @Test
  void withoutALanguageTheIssuesFileIsForPrograms() throws Exception {
    Path issues = dir.resolve("issues.csv");

    assertThat(run("convert", contacts().toString(), "-o", dir.resolve("o.csv").toString(), "--issues", issues.toString()))
        .isZero();

    assertThat(Files.readString(issues)).isEqualTo("row,column,value,action,reason,suggestion\r\n"
        + "4,E-mail,sem-email,removed,invalid_email,\r\n");
    assertThat(run("convert", contacts().toString(), "--lang", "fr")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--lang must be en, pt-BR or es");
  }

  @Test
  void statsPrintRowsPerSecondThePeakHeapAndWhereTheCpuWent() throws Exception {
    assertThat(run("convert", contacts().toString(), "-o", dir.resolve("o.csv").toString(), "--stats", "--threads", "1"))
        .isZero();
    assertThat(out.toString().lines().skip(1).findFirst().orElseThrow())
        .matches("stats: \\d+ rows/s, 1 threads, peak heap after GC \\d+ MiB, max heap \\d+ MiB");
    if (Files.isDirectory(Path.of("/proc/self/task"))) {
      assertThat(out.toString().lines().skip(2).findFirst().orElseThrow()).matches(
          "cpu: [0-9.]+ s = conversion [0-9.]+ \\+ JIT compilers [0-9.]+ \\+ GC and VM [0-9.]+; "
              + "the compilers waited [0-9.]+ s for a core");
    }
  }

  @Test
  void writesBesideTheInputByDefault() throws Exception {
    Path in = contacts();

    assertThat(run("convert", in.toString())).isZero();
    assertThat(dir.resolve("contatos-ghl.csv")).exists();
  }

  @Test
  void splitWritesAZipOfParts() throws Exception {
    Path in = contacts();
    Path zip = dir.resolve("parts.zip");

    assertThat(run("convert", in.toString(), "-o", zip.toString(), "--split", "1")).isZero();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.size()).isEqualTo(1);
      assertThat(z.getEntry("contatos-ghl-part-001.csv")).isNotNull();
    }
  }

  @Test
  void bomOptionStartsTheCsvWithAByteOrderMark() throws Exception {
    Path csv = dir.resolve("bom.csv");

    assertThat(run("convert", contacts().toString(), "-o", csv.toString(), "--bom")).isZero();
    byte[] bytes = Files.readAllBytes(csv);
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
  }

  @Test
  void missingInputIsBadUsageWithOneLine() {
    int code = run("convert", dir.resolve("nope.csv").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("error: input file not found").doesNotContain("\n");
  }

  @Test
  void unknownOptionIsBadUsageWithOneLine() {
    int code = run("convert", "--frobnicate");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("error: ").doesNotContain("\n");
  }

  @Test
  void badCountryIsBadUsage() throws Exception {
    assertThat(run("convert", contacts().toString(), "--country", "Brasil")).isEqualTo(2);
    assertThat(err.toString()).contains("two-letter ISO code");
  }

  @Test
  void unusableFileExitsThreeWithItsErrorCodeAndLeavesNoOutput() throws Exception {
    Path in = dir.resolve("junk.csv");
    Files.writeString(in, "foo,bar\n1,2\n");
    Path csv = dir.resolve("out.csv");

    int code = run("convert", in.toString(), "-o", csv.toString());

    assertThat(code).isEqualTo(3);
    assertThat(err.toString().strip()).startsWith("error: no_recognisable_column: ").doesNotContain("\n");
    assertThat(csv).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("junk.csv");
    }
  }
}
